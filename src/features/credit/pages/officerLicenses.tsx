import { Hono } from 'hono';
import type { AppEnv } from '../../../http/env.ts';
import type { Actor, CommandDeps } from '../../../domain/commands.ts';
import { routeParams } from '../../../http/params.ts';
import { CsrfField, ErrorSummary, Field, emptyForm, TableHead, type FormState } from '../../../web/forms.tsx';
import { formFields, handleForm, page, redirectWith } from '../../../web/render.tsx';
import { requireRecognizer } from '../../recognition/index.ts';
import { decideLicense } from '../commands/decideLicense.ts';
import { ledgerPaths } from '../paths.ts';
import { recognizerLicenses, type LicenseView } from '../queries/creditLedger.ts';
import { actorOf, day, orgItemParams, orgParams, RecognitionNav, STATE_LABELS } from './ledgerParts.tsx';

export interface OfficerLicensesModel {
  organisation: { name: string; slug: string };
  pending: LicenseView[];
  decided: LicenseView[];
  /** The form that failed, by license public id. */
  failed: { id?: string; form?: FormState };
  csrfToken: string;
}

/** The license links of a recognizer's programs, waiting ones first (for its officers). */
export async function loadOfficerLicenses(
  deps: Pick<CommandDeps, 'db' | 'clock'>,
  {
    actor,
    orgSlug,
    csrfToken,
    failed = {},
  }: { actor: Actor; orgSlug: string; csrfToken: string; failed?: OfficerLicensesModel['failed'] },
): Promise<OfficerLicensesModel> {
  const { db, clock } = deps;
  const organisation = await requireRecognizer(db, orgSlug, actor.userId, 'recognition.read');
  const licenses = await recognizerLicenses(db, organisation.id, clock.now());
  return {
    organisation: { name: organisation.name, slug: organisation.slug },
    pending: licenses.filter((l) => l.state === 'pending'),
    decided: licenses.filter((l) => l.state !== 'pending'),
    failed,
    csrfToken,
  };
}

function PendingLicense({
  l,
  slug,
  form,
  csrfToken,
}: {
  l: LicenseView;
  slug: string;
  form: FormState;
  csrfToken: string;
}) {
  return (
    <section class="card" aria-label={`License ${l.licenseNumber}`}>
      <p>
        <strong>{l.userName}</strong> — {l.program.name}: license <strong>{l.licenseNumber}</strong>, cycle
        began {l.cycleStart}, linked {day(l.createdAt)}
      </p>
      <ErrorSummary form={form} />
      <form method="post" action={ledgerPaths.decideLicense(slug, l.publicId, 'confirm')} class="stack">
        <CsrfField token={csrfToken} />
        <Field
          form={form}
          name="cycleStart"
          label="Cycle start (correct it if the register differs)"
          value={l.cycleStart}
        />
        <button type="submit">Confirm license {l.licenseNumber}</button>
      </form>
      <form method="post" action={ledgerPaths.decideLicense(slug, l.publicId, 'reject')} class="stack mt-4">
        <CsrfField token={csrfToken} />
        <Field form={form} name="reason" label="What does not match (for a rejection)" />
        <button type="submit" class="danger">
          Reject mismatch
        </button>
      </form>
    </section>
  );
}

export function OfficerLicensesView(m: OfficerLicensesModel) {
  const slug = m.organisation.slug;
  const formOf = (id: string) => (m.failed.id === id && m.failed.form ? m.failed.form : emptyForm);
  return (
    <>
      <h1>License links for {m.organisation.name}</h1>
      <RecognitionNav slug={slug} />
      <h2>Waiting for confirmation</h2>
      {m.pending.length === 0 && <p class="muted">Nothing waits.</p>}
      {m.pending.map((l) => (
        <PendingLicense l={l} slug={slug} form={formOf(l.publicId)} csrfToken={m.csrfToken} />
      ))}
      <h2>Decided</h2>
      <table>
        <TableHead columns={['Earner', 'Program', 'License', 'State']} />
        <tbody>
          {m.decided.map((l) => (
            <tr>
              <td>{l.userName}</td>
              <td>{l.program.name}</td>
              <td>{l.licenseNumber}</td>
              <td>
                {STATE_LABELS[l.state]}
                {l.note ? ` — ${l.note}` : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/** Recognition officers confirm or reject earners' license links. */
export function officerLicenseRoutes() {
  const r = new Hono<AppEnv>();
  r.get(ledgerPaths.licenses(':slug'), async (c) => {
    const { slug } = routeParams(c, orgParams);
    const model = await loadOfficerLicenses(c.var.deps, {
      actor: actorOf(c),
      orgSlug: slug,
      csrfToken: c.var.csrfToken,
    });
    return page(c, 'License links', <OfficerLicensesView {...model} />);
  });
  for (const decision of ['confirm', 'reject'] as const) {
    r.post(ledgerPaths.decideLicense(':slug', ':id', decision), async (c) => {
      const { slug, id } = routeParams(c, orgItemParams);
      const fields = await formFields(c);
      return handleForm(
        c,
        fields,
        async () => {
          const target = { orgSlug: slug, license: id, decision, actor: actorOf(c) };
          const { posted } = await decideLicense(c.var.deps, { ...fields, ...target });
          const message =
            decision === 'confirm'
              ? `License confirmed${posted ? `; credit posted for ${posted} waiting notice(s)` : ''}.`
              : 'License link rejected; the earner can correct it.';
          return redirectWith(c, ledgerPaths.licenses(slug), 'success', message);
        },
        async (form, status) => {
          const model = await loadOfficerLicenses(c.var.deps, {
            actor: actorOf(c),
            orgSlug: slug,
            csrfToken: c.var.csrfToken,
            failed: { id, form },
          });
          return page(c, 'License links', <OfficerLicensesView {...model} />, status as 422);
        },
      );
    });
  }
  return r;
}
