import { Hono } from 'hono';
import { notFound } from '../../../domain/errors.ts';
import type { Queryable } from '../../../storage/database.ts';
import type { AppEnv } from '../../../http/env.ts';
import { CsrfField, ErrorSummary, Field, emptyForm, type FormState } from '../../../web/forms.tsx';
import { formFields, handleForm, page, redirectWith } from '../../../web/render.tsx';
import { ProgressRing } from '../../../web/components/Progress.tsx';
import { linkLicense } from '../commands/linkLicense.ts';
import { issueLicenseTranscript } from '../commands/issueLicenseTranscript.ts';
import { ledgerPaths } from '../paths.ts';
import {
  earnerLicenses,
  licensablePrograms,
  licenseProgress,
  type LicenseView,
} from '../queries/creditLedger.ts';
import { actorOf, Entries, idOf, Progress, STATE_LABELS, type C } from './ledgerParts.tsx';

// ---------- /me/licenses: the earner's license records and the form to link one ----------

export interface MyLicensesModel {
  licenses: LicenseView[];
  programs: Awaited<ReturnType<typeof licensablePrograms>>;
  form: FormState;
  csrfToken: string;
}

export async function loadMyLicenses(db: Queryable, userId: number, now: Date) {
  const [licenses, programs] = await Promise.all([earnerLicenses(db, userId, now), licensablePrograms(db)]);
  return { licenses, programs };
}

/** Hours toward renewal as a ring, the numbers beside it, and the cycle they count in. */
function RenewalRing({ license }: { license: LicenseView }) {
  const p = license.progress;
  return (
    <div class="renewal">
      <ProgressRing value={p.earned} target={p.required} />
      <p class="muted">
        Cycle {p.cycle.start} to {p.cycle.last}
      </p>
    </div>
  );
}

function LicenseCard({ license: l }: { license: LicenseView }) {
  return (
    <section class="card" aria-label={`${l.program.licenseName} ${l.licenseNumber}`}>
      <h2>
        <a href={ledgerPaths.myLicense(l.publicId)}>
          {l.program.licenseName} {l.licenseNumber}
        </a>
      </h2>
      <p>
        {l.program.organisationName} — {l.program.name} <span class="tag">{STATE_LABELS[l.state]}</span>
      </p>
      {l.state === 'rejected' && (
        <p class="error-text">Not confirmed: {l.note ?? 'the number did not match'}. Correct it below.</p>
      )}
      {l.state === 'confirmed' && <RenewalRing license={l} />}
    </section>
  );
}

function LinkLicenseForm({ programs, form, csrfToken }: Omit<MyLicensesModel, 'licenses'>) {
  if (programs.length === 0) return <p class="muted">No recognizer runs a program in Cairn yet.</p>;
  return (
    <form method="post" action={ledgerPaths.myLicenses()} class="stack" novalidate>
      <CsrfField token={csrfToken} />
      <div class="field">
        <label for="f-program">Program</label>
        {form.errors.program && (
          <span id="f-program-error" class="error-text">
            {form.errors.program}
          </span>
        )}
        <select id="f-program" name="program" aria-invalid={form.errors.program ? 'true' : undefined}>
          <option value="">Choose…</option>
          {programs.map((p) => (
            <option value={p.public_id} selected={form.values.program === p.public_id}>
              {p.organisation_name}: {p.name} ({p.license_name})
            </option>
          ))}
        </select>
      </div>
      <Field form={form} name="licenseNumber" label="License or certification number" required />
      <Field
        form={form}
        name="cycleStart"
        label="Your current renewal cycle began on"
        hint="YYYY-MM-DD, as on your license; the recognizer can correct it when confirming."
        required
      />
      <button type="submit">Link license</button>
    </form>
  );
}

export function MyLicensesView(m: MyLicensesModel) {
  return (
    <>
      <h1>Your licenses</h1>
      <p class="muted">
        Link your license or certification number to the body that keeps it: credentials it recognizes then
        count toward your renewal.
      </p>
      {m.licenses.map((l) => (
        <LicenseCard license={l} />
      ))}
      <section class="card" aria-labelledby="h-link">
        <h2 id="h-link">Link a license</h2>
        <ErrorSummary form={m.form} />
        <LinkLicenseForm programs={m.programs} form={m.form} csrfToken={m.csrfToken} />
      </section>
    </>
  );
}

// ---------- /me/licenses/:id and its transcript ----------

async function loadMyLicense(c: C): Promise<LicenseView> {
  const { db, clock } = c.var.deps;
  const license = await licenseProgress(db, actorOf(c).userId, idOf(c), clock.now());
  if (!license) throw notFound('That license record');
  return license;
}

export function MyLicenseView({ license }: { license: LicenseView }) {
  return (
    <>
      <h1>
        {license.program.licenseName} {license.licenseNumber}
      </h1>
      <p>
        {license.program.organisationName} — {license.program.name}{' '}
        <span class="tag">{STATE_LABELS[license.state]}</span>
      </p>
      {license.state === 'confirmed' ? (
        <>
          <ProgressRing value={license.progress.earned} target={license.progress.required} />
          <Progress license={license} />
        </>
      ) : (
        <p class="muted">Progress shows once the recognizer confirms your license.</p>
      )}
      <Entries license={license} />
      {license.state === 'confirmed' && license.entries.length > 0 && (
        <p>
          Transcript: <a href={ledgerPaths.myTranscript(license.publicId)}>printable page</a> ·{' '}
          <a href={ledgerPaths.myTranscriptJson(license.publicId)}>signed CLR 2.0 (JSON)</a>
        </p>
      )}
      <p>
        <a href={ledgerPaths.myLicenses()}>All your licenses</a>
      </p>
    </>
  );
}

export function TranscriptView({ license }: { license: LicenseView }) {
  const issuer = license.program.organisationName;
  const credited = license.entries.filter((e) => e.kind === 'credit');
  return (
    <>
      <h1>
        {license.program.licenseName} {license.licenseNumber}
      </h1>
      <p>
        {license.userName} — transcript from {issuer} ({license.program.name})
      </p>
      <Progress license={license} />
      <Entries license={license} />
      <p class="muted">
        {credited.length} credential(s) credited. The same transcript, signed by {issuer} as a CLR 2.0
        credential anyone can verify at /verify:{' '}
        <a href={ledgerPaths.myTranscriptJson(license.publicId)}>transcript.json</a>
      </p>
    </>
  );
}

/** The earner's side: license records, renewal progress, transcripts. */
export function earnerLicenseRoutes() {
  const r = new Hono<AppEnv>();
  const licensesPage = async (c: C, form: FormState = emptyForm, status: 200 | 409 | 422 = 200) => {
    const data = await loadMyLicenses(c.var.deps.db, actorOf(c).userId, c.var.deps.clock.now());
    const model = { ...data, form, csrfToken: c.var.csrfToken };
    return page(c, 'Your licenses', <MyLicensesView {...model} />, status);
  };
  r.get(ledgerPaths.myLicenses(), (c) => licensesPage(c));
  r.post(ledgerPaths.myLicenses(), async (c) => {
    const fields = await formFields(c);
    return handleForm(
      c,
      fields,
      async () => {
        await linkLicense(c.var.deps, { ...fields, actor: actorOf(c) });
        const message = 'License linked. The recognizer will confirm it.';
        return redirectWith(c, ledgerPaths.myLicenses(), 'success', message);
      },
      (form, status) => licensesPage(c, form, status as 422),
    );
  });
  r.get(ledgerPaths.myLicense(':id'), async (c) => {
    const license = await loadMyLicense(c);
    const title = `${license.program.licenseName} ${license.licenseNumber}`;
    return page(c, title, <MyLicenseView license={license} />);
  });
  r.get(ledgerPaths.myTranscriptJson(':id'), async (c) => {
    const { text, fileName } = await issueLicenseTranscript(c.var.deps, {
      actor: actorOf(c),
      license: idOf(c),
    });
    return c.body(text, 200, {
      'Content-Type': 'application/vc+ld+json; charset=utf-8',
      'Content-Disposition': `attachment; filename="${fileName}"`,
    });
  });
  r.get(ledgerPaths.myTranscript(':id'), async (c) => {
    const license = await loadMyLicense(c);
    return page(c, `Transcript ${license.licenseNumber}`, <TranscriptView license={license} />);
  });
  return r;
}
