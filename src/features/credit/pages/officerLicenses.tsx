import { Hono } from 'hono';
import type { AppEnv } from '../../../http/env.ts';
import type { Actor, CommandDeps } from '../../../domain/commands.ts';
import { routeParams } from '../../../http/params.ts';
import { CsrfField, ErrorSummary, Field, emptyForm, TableHead, type FormState } from '../../../web/forms.tsx';
import { formFields, handleForm, page, redirectWith } from '../../../web/render.tsx';
import { useT } from '../../../web/i18n/context.ts';
import { requestTranslator } from '../../../web/preferences.ts';
import { requireRecognizer } from '../../recognition/index.ts';
import { decideLicense } from '../commands/decideLicense.ts';
import { ledgerPaths } from '../paths.ts';
import { recognizerLicenses, type LicenseView } from '../queries/creditLedger.ts';
import { actorOf, day, orgItemParams, orgParams, RecognitionNav } from './ledgerParts.tsx';

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
  const i18n = useT();
  const { t } = i18n;
  const dates = { start: day(i18n, l.cycleStart), linked: day(i18n, l.createdAt) };
  return (
    <section class="card" aria-label={t('credit.officer.card', { number: l.licenseNumber })}>
      <p>
        <strong>{l.userName}</strong> — {l.program.name}: {t('credit.officer.licenseWord')}{' '}
        <strong>{l.licenseNumber}</strong>
        {t('credit.officer.cycleLinked', dates)}
      </p>
      <ErrorSummary form={form} />
      <form method="post" action={ledgerPaths.decideLicense(slug, l.publicId, 'confirm')} class="stack">
        <CsrfField token={csrfToken} />
        <Field form={form} name="cycleStart" label={t('credit.officer.cycleStart')} value={l.cycleStart} />
        <button type="submit">{t('credit.officer.confirm', { number: l.licenseNumber })}</button>
      </form>
      <form method="post" action={ledgerPaths.decideLicense(slug, l.publicId, 'reject')} class="stack mt-4">
        <CsrfField token={csrfToken} />
        <Field form={form} name="reason" label={t('credit.officer.reason')} />
        <button type="submit" class="danger">
          {t('credit.officer.reject')}
        </button>
      </form>
    </section>
  );
}

const DECIDED_COLUMNS = ['earner', 'program', 'license', 'state'] as const;

export function OfficerLicensesView(m: OfficerLicensesModel) {
  const { t } = useT();
  const slug = m.organisation.slug;
  const formOf = (id: string) => (m.failed.id === id && m.failed.form ? m.failed.form : emptyForm);
  return (
    <>
      <h1>{t('credit.officer.heading', { organisation: m.organisation.name })}</h1>
      <RecognitionNav slug={slug} />
      <h2>{t('credit.officer.waiting')}</h2>
      {m.pending.length === 0 && <p class="muted">{t('credit.officer.nothingWaits')}</p>}
      {m.pending.map((l) => (
        <PendingLicense l={l} slug={slug} form={formOf(l.publicId)} csrfToken={m.csrfToken} />
      ))}
      <h2>{t('credit.officer.decided')}</h2>
      <table>
        <TableHead columns={DECIDED_COLUMNS.map((c) => t(`credit.officer.columns.${c}`))} />
        <tbody>
          {m.decided.map((l) => (
            <tr>
              <td>{l.userName}</td>
              <td>{l.program.name}</td>
              <td>{l.licenseNumber}</td>
              <td>
                {t(`credit.states.${l.state}`)}
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
    return page(c, requestTranslator(c).t('credit.officer.title'), <OfficerLicensesView {...model} />);
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
          const { t } = requestTranslator(c);
          const message =
            decision === 'confirm'
              ? t('credit.officer.flash.confirmed', { posted })
              : t('credit.officer.flash.rejected');
          return redirectWith(c, ledgerPaths.licenses(slug), 'success', message);
        },
        async (form, status) => {
          const model = await loadOfficerLicenses(c.var.deps, {
            actor: actorOf(c),
            orgSlug: slug,
            csrfToken: c.var.csrfToken,
            failed: { id, form },
          });
          const title = requestTranslator(c).t('credit.officer.title');
          return page(c, title, <OfficerLicensesView {...model} />, status as 422);
        },
      );
    });
  }
  return r;
}
