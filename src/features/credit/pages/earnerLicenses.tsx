import { Hono } from 'hono';
import { z } from 'zod';
import { AppError, notFound } from '../../../domain/errors.ts';
import type { Actor, CommandDeps } from '../../../domain/commands.ts';
import type { AppEnv } from '../../../http/env.ts';
import { publicIdParam, routeParams } from '../../../http/params.ts';
import { useT } from '../../../web/i18n/context.ts';
import { requestTranslator } from '../../../web/preferences.ts';
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
import { actorOf, day, Entries, LicenseState, Progress, type C } from './ledgerParts.tsx';

const licenseParams = z.object({ id: publicIdParam });

// ---------- /me/licenses: the earner's license records and the form to link one ----------

export interface MyLicensesModel {
  licenses: LicenseView[];
  programs: Awaited<ReturnType<typeof licensablePrograms>>;
  form: FormState;
  csrfToken: string;
}

/** The earner's own license records and the programs they may link one to. */
export async function loadMyLicenses(deps: Pick<CommandDeps, 'db' | 'clock'>, { actor }: { actor: Actor }) {
  const { db, clock } = deps;
  const [licenses, programs] = await Promise.all([
    earnerLicenses(db, actor.userId, clock.now()),
    licensablePrograms(db),
  ]);
  return { licenses, programs };
}

/** Hours toward renewal as a ring, the numbers beside it, and the cycle they count in. */
function RenewalRing({ license }: { license: LicenseView }) {
  const i18n = useT();
  const p = license.progress;
  return (
    <div class="renewal">
      <ProgressRing value={p.earned} target={p.required} />
      <p class="muted">
        {i18n.t('credit.earner.cycle', { start: day(i18n, p.cycle.start), last: day(i18n, p.cycle.last) })}
      </p>
    </div>
  );
}

function LicenseCard({ license: l }: { license: LicenseView }) {
  const { t } = useT();
  return (
    <section class="card" aria-label={`${l.program.licenseName} ${l.licenseNumber}`}>
      <h2>
        <a href={ledgerPaths.myLicense(l.publicId)}>
          {l.program.licenseName} {l.licenseNumber}
        </a>
      </h2>
      <p>
        {l.program.organisationName} — {l.program.name} <LicenseState state={l.state} />
      </p>
      {l.state === 'rejected' && (
        <p class="error-text">
          {l.note ? t('credit.earner.rejectedNote', { note: l.note }) : t('credit.earner.rejected')}
        </p>
      )}
      {l.state === 'confirmed' && <RenewalRing license={l} />}
    </section>
  );
}

function LinkLicenseForm({ programs, form, csrfToken }: Omit<MyLicensesModel, 'licenses'>) {
  const { t } = useT();
  if (programs.length === 0) return <p class="muted">{t('credit.earner.noPrograms')}</p>;
  return (
    <form method="post" action={ledgerPaths.myLicenses()} class="stack" novalidate>
      <CsrfField token={csrfToken} />
      <div class="field">
        <label for="f-program">{t('credit.earner.program')}</label>
        {form.errors.program && (
          <span id="f-program-error" class="error-text">
            {form.errors.program}
          </span>
        )}
        <select id="f-program" name="program" aria-invalid={form.errors.program ? 'true' : undefined}>
          <option value="">{t('credit.earner.choose')}</option>
          {programs.map((p) => (
            <option value={p.public_id} selected={form.values.program === p.public_id}>
              {p.organisation_name}: {p.name} ({p.license_name})
            </option>
          ))}
        </select>
      </div>
      <Field form={form} name="licenseNumber" label={t('credit.earner.licenseNumber')} required />
      <Field
        form={form}
        name="cycleStart"
        label={t('credit.earner.cycleStart')}
        hint={t('credit.earner.cycleStartHint')}
        required
      />
      <button type="submit">{t('credit.earner.submit')}</button>
    </form>
  );
}

export function MyLicensesView(m: MyLicensesModel) {
  const { t } = useT();
  return (
    <>
      <h1>{t('credit.earner.heading')}</h1>
      <p class="muted">{t('credit.earner.intro')}</p>
      {m.licenses.map((l) => (
        <LicenseCard license={l} />
      ))}
      <section class="card" aria-labelledby="h-link">
        <h2 id="h-link">{t('credit.earner.link')}</h2>
        <ErrorSummary form={m.form} />
        <LinkLicenseForm programs={m.programs} form={m.form} csrfToken={m.csrfToken} />
      </section>
    </>
  );
}

// ---------- /me/licenses/:id and its transcript ----------

export interface MyLicenseModel {
  license: LicenseView;
  /** Whether a signed transcript can be made: the license is confirmed and credit was posted. */
  transcriptReady: boolean;
  csrfToken: string;
}

/** One of the earner's own license records (another's does not exist for them). */
export async function loadMyLicense(
  deps: Pick<CommandDeps, 'db' | 'clock'>,
  { actor, license: licensePublicId, csrfToken }: { actor: Actor; license: string; csrfToken: string },
): Promise<MyLicenseModel> {
  const license = await licenseProgress(deps.db, actor.userId, licensePublicId, deps.clock.now());
  if (!license) throw notFound('licenseRecord');
  const transcriptReady = license.state === 'confirmed' && license.entries.length > 0;
  return { license, transcriptReady, csrfToken };
}

/** The signed transcript is made by a POST (it signs and audits); the pages only offer the button. */
function TranscriptDownload({ license, csrfToken }: Pick<MyLicenseModel, 'license' | 'csrfToken'>) {
  const { t } = useT();
  return (
    <form method="post" action={ledgerPaths.myTranscriptDownload(license.publicId)}>
      <CsrfField token={csrfToken} />
      <button type="submit">{t('credit.transcript.download')}</button>
    </form>
  );
}

function TranscriptSection({ license, transcriptReady, csrfToken }: MyLicenseModel) {
  const { t } = useT();
  return (
    <section class="card" aria-labelledby="h-transcript">
      <h2 id="h-transcript">{t('credit.transcript.heading')}</h2>
      {transcriptReady ? (
        <>
          <p>{t('credit.transcript.explain', { issuer: license.program.organisationName })}</p>
          <TranscriptDownload license={license} csrfToken={csrfToken} />
          <p>
            <a href={ledgerPaths.myTranscript(license.publicId)}>{t('credit.transcript.printable')}</a>
          </p>
        </>
      ) : (
        <p class="muted">{t('credit.transcript.notYet')}</p>
      )}
    </section>
  );
}

export function MyLicenseView(m: MyLicenseModel) {
  const { t } = useT();
  const { license } = m;
  return (
    <>
      <h1>
        {license.program.licenseName} {license.licenseNumber}
      </h1>
      <p>
        {license.program.organisationName} — {license.program.name} <LicenseState state={license.state} />
      </p>
      {license.state === 'confirmed' ? (
        <>
          <ProgressRing value={license.progress.earned} target={license.progress.required} />
          <Progress license={license} />
        </>
      ) : (
        <p class="muted">{t('credit.earner.progressLater')}</p>
      )}
      <Entries license={license} />
      <TranscriptSection {...m} />
      <p>
        <a href={ledgerPaths.myLicenses()}>{t('credit.earner.all')}</a>
      </p>
    </>
  );
}

export function TranscriptView({ license, transcriptReady, csrfToken }: MyLicenseModel) {
  const { t } = useT();
  const issuer = license.program.organisationName;
  const credited = license.entries.filter((e) => e.kind === 'credit');
  return (
    <>
      <h1>
        {license.program.licenseName} {license.licenseNumber}
      </h1>
      <p>
        {t('credit.earner.transcriptFrom', { name: license.userName, issuer, program: license.program.name })}
      </p>
      <Progress license={license} />
      <Entries license={license} />
      <p class="muted">
        {t('credit.earner.credited', { count: credited.length })}{' '}
        {transcriptReady && t('credit.transcript.explain', { issuer })}
      </p>
      {transcriptReady && <TranscriptDownload license={license} csrfToken={csrfToken} />}
    </>
  );
}

/** A transcript that cannot be made yet (license not confirmed, nothing credited) says why on the license page. */
async function explained(c: C, license: string, run: () => Promise<Response>) {
  try {
    return await run();
  } catch (err) {
    if (err instanceof AppError && err.code === 'conflict')
      return redirectWith(c, ledgerPaths.myLicense(license), 'error', err.message);
    throw err;
  }
}

/** The earner's side: license records, renewal progress, transcripts. */
export function earnerLicenseRoutes() {
  const r = new Hono<AppEnv>();
  const licensesPage = async (c: C, form: FormState = emptyForm, status: 200 | 409 | 422 = 200) => {
    const data = await loadMyLicenses(c.var.deps, { actor: actorOf(c) });
    const model = { ...data, form, csrfToken: c.var.csrfToken };
    return page(c, requestTranslator(c).t('credit.earner.title'), <MyLicensesView {...model} />, status);
  };
  const licenseModel = (c: C) =>
    loadMyLicense(c.var.deps, {
      actor: actorOf(c),
      license: routeParams(c, licenseParams).id,
      csrfToken: c.var.csrfToken,
    });
  r.get(ledgerPaths.myLicenses(), (c) => licensesPage(c));
  r.post(ledgerPaths.myLicenses(), async (c) => {
    const fields = await formFields(c);
    return handleForm(
      c,
      fields,
      async () => {
        await linkLicense(c.var.deps, { ...fields, actor: actorOf(c) });
        const message = requestTranslator(c).t('credit.earner.linked');
        return redirectWith(c, ledgerPaths.myLicenses(), 'success', message);
      },
      (form, status) => licensesPage(c, form, status as 422),
    );
  });
  r.get(ledgerPaths.myLicense(':id'), async (c) => {
    const model = await licenseModel(c);
    const title = `${model.license.program.licenseName} ${model.license.licenseNumber}`;
    return page(c, title, <MyLicenseView {...model} />);
  });
  // Signing a transcript writes (a signature, an audit entry): a POST, never a GET.
  r.post(ledgerPaths.myTranscriptDownload(':id'), async (c) => {
    const { id } = routeParams(c, licenseParams);
    return explained(c, id, async () => {
      const { text, fileName } = await issueLicenseTranscript(c.var.deps, { license: id, actor: actorOf(c) });
      return c.body(text, 200, {
        'Content-Type': 'application/vc+ld+json; charset=utf-8',
        'Content-Disposition': `attachment; filename="${fileName}"`,
        'Cache-Control': 'no-store',
      });
    });
  });
  r.get(ledgerPaths.myTranscript(':id'), async (c) => {
    const model = await licenseModel(c);
    const title = requestTranslator(c).t('credit.earner.transcriptTitle', {
      number: model.license.licenseNumber,
    });
    return page(c, title, <TranscriptView {...model} />);
  });
  return r;
}
