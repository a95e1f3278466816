import { Hono, type Context } from 'hono';
import { AppError, notFound } from '../../../domain/errors.ts';
import { requireRecognizer } from '../../recognition/index.ts';
import { decideLicense } from '../commands/decideLicense.ts';
import { dismissCompletionNotice } from '../commands/dismissCompletionNotice.ts';
import { linkLicense } from '../commands/linkLicense.ts';
import { markNoticeRead } from '../queries/notices.ts';
import { postCredit } from '../commands/postCredit.ts';
import { noticeWebhookUrl, setNoticeWebhook } from '../../recognition/index.ts';
import { issueLicenseTranscript } from '../commands/licenseTranscript.ts';
import { verifyWithCairn } from '../../verification/index.ts';
import {
  earnerLicenses,
  licensablePrograms,
  licenseProgress,
  recognizerLicenses,
  recognizerNotice,
  recognizerNotices,
  recognizerRoster,
  rosterCsv,
  type LicenseView,
} from '../queries/creditLedger.ts';
import { requireViewer } from '../../../http/middleware/session.ts';
import type { AppEnv } from '../../../http/env.ts';
import {
  ActionButton,
  CsrfField,
  ErrorSummary,
  Field,
  emptyForm,
  TableHead,
  type FormState,
} from '../../../web/forms.tsx';
import { formFields, handleForm, page, redirectWith } from '../../../web/render.tsx';

type C = Context<AppEnv>;
const actor = (c: C) => ({ userId: requireViewer(c.var.viewer).user_id, ip: c.var.ip });
const slugOf = (c: C) => c.req.param('slug') ?? '';
const idOf = (c: C) => c.req.param('id') ?? '';
const day = (d: Date) => d.toISOString().slice(0, 10);
const hours = (n: number) => `${Number.isInteger(n) ? n : n.toFixed(2).replace(/0$/, '')} h`;
const STATE_LABELS = {
  pending: 'Waiting for confirmation',
  confirmed: 'Confirmed',
  rejected: 'Rejected',
} as const;
const NOTICE_STATES = ['new', 'posted', 'dismissed'] as const;

function RecognitionNav({ slug }: { slug: string }) {
  return (
    <p>
      <a href={`/orgs/${slug}/recognition/notices`}>Completion notices</a> ·{' '}
      <a href={`/orgs/${slug}/recognition/licenses`}>License links</a> ·{' '}
      <a href={`/orgs/${slug}/recognition/roster`}>Roster</a> ·{' '}
      <a href={`/orgs/${slug}/recognition/programs`}>Programs</a> ·{' '}
      <a href={`/orgs/${slug}/recognition/queue`}>Approval queue</a>
    </p>
  );
}

function Progress({ license }: { license: LicenseView }) {
  const p = license.progress;
  return (
    <p>
      Cycle {p.cycle.start} to {p.cycle.last}: <strong>{hours(p.earned)}</strong> of {hours(p.required)}{' '}
      earned
      <progress
        value={Math.max(0, p.earned)}
        max={p.required || 1}
        aria-label={`${license.program.licenseName} renewal progress`}
        style="margin-left:8px"
      />
      {p.met ? ' — requirement met.' : ` — ${hours(p.shortfall)} to go.`}
    </p>
  );
}

function Entries({ license }: { license: LicenseView }) {
  if (license.entries.length === 0) return <p class="muted">No credit yet.</p>;
  return (
    <table>
      <caption>Credit ledger (entries are never edited: a revoked credential gets a reversal entry)</caption>
      <TableHead columns={['Date', 'Credential', 'Issuer', 'Cycle', 'Hours', 'Entry']} />
      <tbody>
        {license.entries.map((e) => (
          <tr>
            <td>{day(e.createdAt)}</td>
            <td>
              <a href={`/badges/${e.credentialPublicId}`}>{e.credentialName}</a>
              {e.revoked && <span class="tag">Revoked</span>}
            </td>
            <td>{e.issuerName}</td>
            <td>{e.cycleStart}</td>
            <td>{hours(e.hours)}</td>
            <td>
              {e.kind === 'credit' ? 'Credit' : 'Reversal'} —{' '}
              {e.postedBy ? `posted by ${e.postedBy}` : 'by rule'}
              {e.reason ? `. ${e.reason}` : ''}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

async function licensesPage(c: C, form: FormState = emptyForm, status: 200 | 409 | 422 = 200) {
  const viewer = requireViewer(c.var.viewer);
  const { db, clock } = c.var.deps;
  const [licenses, programs] = await Promise.all([
    earnerLicenses(db, viewer.user_id, clock.now()),
    licensablePrograms(db),
  ]);
  const csrf = c.var.csrfToken;
  return page(
    c,
    'Your licenses',
    <>
      <h1>Your licenses</h1>
      <p class="muted">
        Link your license or certification number to the body that keeps it: credentials it recognizes then
        count toward your renewal.
      </p>
      {licenses.map((l) => (
        <section class="card" aria-label={`${l.program.licenseName} ${l.licenseNumber}`}>
          <h2>
            <a href={`/me/licenses/${l.publicId}`}>
              {l.program.licenseName} {l.licenseNumber}
            </a>
          </h2>
          <p>
            {l.program.organisationName} — {l.program.name} <span class="tag">{STATE_LABELS[l.state]}</span>
          </p>
          {l.state === 'rejected' && (
            <p class="error-text">Not confirmed: {l.note ?? 'the number did not match'}. Correct it below.</p>
          )}
          {l.state === 'confirmed' && <Progress license={l} />}
        </section>
      ))}
      <section class="card" aria-labelledby="h-link">
        <h2 id="h-link">Link a license</h2>
        <ErrorSummary form={form} />
        {programs.length === 0 ? (
          <p class="muted">No recognizer runs a program in Cairn yet.</p>
        ) : (
          <form method="post" action="/me/licenses" class="stack" novalidate>
            <CsrfField token={csrf} />
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
        )}
      </section>
    </>,
    status,
  );
}

async function myLicense(c: C): Promise<LicenseView> {
  const license = await licenseProgress(
    c.var.deps.db,
    requireViewer(c.var.viewer).user_id,
    idOf(c),
    c.var.deps.clock.now(),
  );
  if (!license) throw notFound('That license record');
  return license;
}

function TranscriptBody({ license, issuer }: { license: LicenseView; issuer: string }) {
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
        <a href={`/me/licenses/${license.publicId}/transcript.json`}>transcript.json</a>
      </p>
    </>
  );
}

async function noticesPage(c: C) {
  const organisation = await requireRecognizer(c.var.deps.db, slugOf(c), actor(c).userId, 'recognition.read');
  const wanted = c.req.query('state');
  const state = (NOTICE_STATES as readonly string[]).includes(wanted ?? '')
    ? (wanted as (typeof NOTICE_STATES)[number])
    : 'new';
  const rows = await recognizerNotices(c.var.deps.db, organisation.id, state);
  const programs = await c.var.deps.db
    .selectFrom('recognition_programs as p')
    .select(['p.public_id', 'p.name', 'p.digest_email'])
    .select((eb) =>
      eb
        .selectFrom('webhook_subscriptions as s')
        .select('s.url')
        .whereRef('s.program_public_id', '=', 'p.public_id')
        .where('s.organisation_id', '=', organisation.id)
        .limit(1)
        .as('webhook_url'),
    )
    .where('p.organisation_id', '=', organisation.id)
    .where('p.archived_at', 'is', null)
    .orderBy('p.name')
    .execute();
  return page(
    c,
    'Completion notices',
    <>
      <h1>Completion notices of {organisation.name}</h1>
      <RecognitionNav slug={organisation.slug} />
      <p>
        {NOTICE_STATES.map((s) => (
          <>
            {s === state ? (
              <strong>{s === 'new' ? 'New' : s === 'posted' ? 'Posted' : 'Dismissed'}</strong>
            ) : (
              <a href={`?state=${s}`}>{s === 'new' ? 'New' : s === 'posted' ? 'Posted' : 'Dismissed'}</a>
            )}{' '}
          </>
        ))}
      </p>
      {rows.length === 0 ? (
        <p class="muted">No {state} notices.</p>
      ) : (
        <table>
          <TableHead columns={['Received', 'Earner', 'Credential', 'Program', 'License']} />
          <tbody>
            {rows.map((n) => (
              <tr>
                <td>{day(n.created_at)}</td>
                <td>{n.recipient_email}</td>
                <td>
                  <a href={`/orgs/${organisation.slug}/recognition/notices/${n.public_id}`}>
                    {n.achievement_name}
                  </a>{' '}
                  ({n.issuer_name}){!n.read_at && <span class="tag">Unread</span>}
                </td>
                <td>{n.program_name}</td>
                <td>
                  {n.license_state === 'confirmed'
                    ? n.license_number
                    : n.license_state
                      ? `${n.license_number} (${n.license_state})`
                      : 'no confirmed license yet'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {programs.length > 0 && (
        <section class="card" aria-labelledby="h-delivery">
          <h2 id="h-delivery">How notices reach you</h2>
          <ul>
            {programs.map((p) => (
              <li>
                {p.name}: this inbox{p.digest_email ? ', a daily email digest' : ''}
                {p.webhook_url ? `, webhook ${p.webhook_url}` : ''} —{' '}
                <a href={`/orgs/${organisation.slug}/recognition/programs/${p.public_id}/webhook`}>
                  webhook settings
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>,
  );
}

async function noticePage(c: C) {
  const { db, config, clock, credentials } = c.var.deps;
  const organisation = await requireRecognizer(db, slugOf(c), actor(c).userId, 'recognition.read');
  const notice = await recognizerNotice(db, organisation.id, idOf(c));
  if (!notice) throw notFound('That notice');
  await markNoticeRead(db, notice.id, clock.now());
  const report = await verifyWithCairn(notice.document, {
    db,
    config,
    services: credentials,
    now: clock.now(),
  });
  const csrf = c.var.csrfToken;
  const base = `/orgs/${organisation.slug}/recognition/notices/${notice.public_id}`;
  return page(
    c,
    `Notice: ${notice.achievement_name}`,
    <>
      <h1>{notice.achievement_name}</h1>
      <RecognitionNav slug={organisation.slug} />
      <dl>
        <dt>Earner</dt>
        <dd>{notice.recipient_email}</dd>
        <dt>Issuer</dt>
        <dd>{notice.issuer_name}</dd>
        <dt>Issued</dt>
        <dd>{day(notice.valid_from)}</dd>
        <dt>Program</dt>
        <dd>
          {notice.program_name} (
          {notice.posting === 'automatic' ? 'credit posts by rule' : 'credit posts after review'})
        </dd>
        <dt>License</dt>
        <dd>
          {notice.license_state === 'confirmed'
            ? notice.license_number
            : notice.license_state
              ? `${notice.license_number} (${notice.license_state})`
              : 'No confirmed license yet: credit waits until the earner’s license is confirmed.'}
        </dd>
        <dt>State</dt>
        <dd>
          <span class="tag">
            {notice.state === 'new' ? 'New' : notice.state === 'posted' ? 'Posted' : 'Dismissed'}
          </span>
          {notice.revoked && <span class="tag">Credential revoked</span>}
          {notice.decided_by_name && ` by ${notice.decided_by_name}`}
          {notice.dismiss_reason && ` — ${notice.dismiss_reason}`}
        </dd>
        {notice.webhook_state !== 'none' && (
          <>
            <dt>Webhook</dt>
            <dd>
              {notice.webhook_state} after {notice.webhook_attempts} attempt(s)
              {notice.webhook_last_error ? ` — ${notice.webhook_last_error}` : ''}
            </dd>
          </>
        )}
      </dl>
      <section class="card" aria-labelledby="h-verify">
        <h2 id="h-verify">Verification</h2>
        <p id="verify-result">
          <strong>{report.verified ? 'Verified' : 'Not verified'}</strong>:{' '}
          {report.verified
            ? 'the signed credential checks out (signature, issuer key, dates, status).'
            : report.checks
                .filter((x) => !x.ok)
                .map((x) => x.message ?? x.id)
                .join('; ')}
        </p>
        <p>
          <a href={`${base}/credential.json`} download>
            Download the signed credential
          </a>{' '}
          (verify it independently, e.g. at <a href="/verify">/verify</a>)
        </p>
      </section>
      {notice.entries.length > 0 && (
        <section class="card" aria-labelledby="h-ledger">
          <h2 id="h-ledger">Ledger entries</h2>
          <ul>
            {notice.entries.map((e) => (
              <li>
                {day(e.created_at)}: {e.kind} {hours(Number(e.hours))} in the cycle from {e.cycle_start}
                {e.reason ? ` — ${e.reason}` : ''}
              </li>
            ))}
          </ul>
        </section>
      )}
      {notice.state === 'new' && (
        <section class="card" aria-labelledby="h-decide">
          <h2 id="h-decide">Decide</h2>
          <ActionButton action={`${base}/post`} csrfToken={csrf} label="Post credit" />
          <form method="post" action={`${base}/dismiss`} class="stack" style="margin-top:12px">
            <CsrfField token={csrf} />
            <div class="field">
              <label for="f-reason">Reason for dismissing (optional)</label>
              <input id="f-reason" name="reason" />
            </div>
            <button type="submit" class="secondary">
              Dismiss
            </button>
          </form>
        </section>
      )}
    </>,
  );
}

async function officerLicensesPage(
  c: C,
  forms: { id?: string; form?: FormState } = {},
  status: 200 | 409 | 422 = 200,
) {
  const { db, clock } = c.var.deps;
  const organisation = await requireRecognizer(db, slugOf(c), actor(c).userId, 'recognition.read');
  const licenses = await recognizerLicenses(db, organisation.id, clock.now());
  const csrf = c.var.csrfToken;
  const pending = licenses.filter((l) => l.state === 'pending');
  const decided = licenses.filter((l) => l.state !== 'pending');
  return page(
    c,
    'License links',
    <>
      <h1>License links for {organisation.name}</h1>
      <RecognitionNav slug={organisation.slug} />
      <h2>Waiting for confirmation</h2>
      {pending.length === 0 && <p class="muted">Nothing waits.</p>}
      {pending.map((l) => {
        const form = forms.id === l.publicId && forms.form ? forms.form : emptyForm;
        const base = `/orgs/${organisation.slug}/recognition/licenses/${l.publicId}`;
        return (
          <section class="card" aria-label={`License ${l.licenseNumber}`}>
            <p>
              <strong>{l.userName}</strong> — {l.program.name}: license <strong>{l.licenseNumber}</strong>,
              cycle began {l.cycleStart}, linked {day(l.createdAt)}
            </p>
            <ErrorSummary form={form} />
            <form method="post" action={`${base}/confirm`} class="stack">
              <CsrfField token={csrf} />
              <Field
                form={form}
                name="cycleStart"
                label="Cycle start (correct it if the register differs)"
                value={l.cycleStart}
              />
              <button type="submit">Confirm license {l.licenseNumber}</button>
            </form>
            <form method="post" action={`${base}/reject`} class="stack" style="margin-top:12px">
              <CsrfField token={csrf} />
              <Field form={form} name="reason" label="What does not match (for a rejection)" />
              <button type="submit" class="danger">
                Reject mismatch
              </button>
            </form>
          </section>
        );
      })}
      <h2>Decided</h2>
      <table>
        <TableHead columns={['Earner', 'Program', 'License', 'State']} />
        <tbody>
          {decided.map((l) => (
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
    </>,
    status,
  );
}

async function webhookPage(
  c: C,
  form: FormState = emptyForm,
  secret: string | null = null,
  status: 200 | 422 = 200,
) {
  const { db } = c.var.deps;
  const organisation = await requireRecognizer(db, slugOf(c), actor(c).userId, 'recognition.manage');
  const program = await db
    .selectFrom('recognition_programs')
    .select(['public_id', 'name'])
    .where('organisation_id', '=', organisation.id)
    .where('public_id', '=', idOf(c))
    .executeTakeFirst();
  if (!program) throw notFound('That program');
  const webhookUrl = await noticeWebhookUrl(c.var.deps, organisation.id, program.public_id);
  return page(
    c,
    'Completion-notice webhook',
    <>
      <h1>Completion-notice webhook: {program.name}</h1>
      <RecognitionNav slug={organisation.slug} />
      <p class="muted">
        Cairn POSTs each completion notice of this program as a <code>completion_notice.sent</code> event
        (with the signed credential) to this URL, signed with the secret shown once below (
        <code>Cairn-Signature: t=…,v1=…</code>). Failed deliveries are retried with backoff. It is one of your
        organisation’s <a href={`/orgs/${organisation.slug}/webhooks`}>webhooks</a>, where its delivery log
        is.
      </p>
      {secret && (
        <p class="card" role="status">
          Signing secret (shown once, keep it in your receiver): <code id="webhook-secret">{secret}</code>
        </p>
      )}
      <ErrorSummary form={form} />
      <form method="post" class="stack" novalidate>
        <CsrfField token={c.var.csrfToken} />
        <Field
          form={form}
          name="url"
          type="url"
          label="Webhook URL"
          value={webhookUrl ?? ''}
          hint="Leave empty to turn the webhook off. Saving makes a new secret."
        />
        <button type="submit">Save webhook</button>
      </form>
    </>,
    status,
  );
}

/** Earners' license records and renewal progress; recognizers' notices, license links, roster. */
export function ledgerRoutes() {
  const r = new Hono<AppEnv>();

  // ---------- Earner ----------
  r.get('/me/licenses', (c) => licensesPage(c));
  r.post('/me/licenses', async (c) => {
    const fields = await formFields(c);
    return handleForm(
      c,
      fields,
      async () => {
        await linkLicense(c.var.deps, { actor: actor(c), ...fields });
        return redirectWith(c, '/me/licenses', 'success', 'License linked. The recognizer will confirm it.');
      },
      (form, status) => licensesPage(c, form, status as 422),
    );
  });
  r.get('/me/licenses/:id', async (c) => {
    const license = await myLicense(c);
    return page(
      c,
      `${license.program.licenseName} ${license.licenseNumber}`,
      <>
        <h1>
          {license.program.licenseName} {license.licenseNumber}
        </h1>
        <p>
          {license.program.organisationName} — {license.program.name}{' '}
          <span class="tag">{STATE_LABELS[license.state]}</span>
        </p>
        {license.state === 'confirmed' ? (
          <Progress license={license} />
        ) : (
          <p class="muted">Progress shows once the recognizer confirms your license.</p>
        )}
        <Entries license={license} />
        {license.state === 'confirmed' && license.entries.length > 0 && (
          <p>
            Transcript: <a href={`/me/licenses/${license.publicId}/transcript`}>printable page</a> ·{' '}
            <a href={`/me/licenses/${license.publicId}/transcript.json`}>signed CLR 2.0 (JSON)</a>
          </p>
        )}
        <p>
          <a href="/me/licenses">All your licenses</a>
        </p>
      </>,
    );
  });
  r.get('/me/licenses/:id/transcript.json', async (c) => {
    const { text, fileName } = await issueLicenseTranscript(c.var.deps, actor(c), idOf(c));
    return c.body(text, 200, {
      'Content-Type': 'application/vc+ld+json; charset=utf-8',
      'Content-Disposition': `attachment; filename="${fileName}"`,
    });
  });
  r.get('/me/licenses/:id/transcript', async (c) => {
    const license = await myLicense(c);
    return page(
      c,
      `Transcript ${license.licenseNumber}`,
      <TranscriptBody license={license} issuer={license.program.organisationName} />,
      200,
      <style>{'@media print { header, nav, footer, .flash { display: none } }'}</style>,
    );
  });

  // ---------- Recognizer ----------
  r.get('/orgs/:slug/recognition/notices', (c) => noticesPage(c));
  r.get('/orgs/:slug/recognition/notices/:id', (c) => noticePage(c));
  r.get('/orgs/:slug/recognition/notices/:id/credential.json', async (c) => {
    const organisation = await requireRecognizer(
      c.var.deps.db,
      slugOf(c),
      actor(c).userId,
      'recognition.read',
    );
    const notice = await recognizerNotice(c.var.deps.db, organisation.id, idOf(c));
    if (!notice) throw notFound('That notice');
    return c.body(notice.document, 200, {
      'Content-Type': 'application/vc+ld+json; charset=utf-8',
      'Content-Disposition': `attachment; filename="${notice.credential_public_id}.json"`,
    });
  });
  // A notice that cannot be posted or dismissed (no confirmed license yet, revoked, already decided) says why on its page.
  const explained = async (c: C, run: () => Promise<Response>) => {
    try {
      return await run();
    } catch (err) {
      if (err instanceof AppError && (err.code === 'conflict' || err.code === 'validation_failed'))
        return redirectWith(c, `/orgs/${slugOf(c)}/recognition/notices/${idOf(c)}`, 'error', err.message);
      throw err;
    }
  };
  r.post('/orgs/:slug/recognition/notices/:id/post', (c) =>
    explained(c, async () => {
      const posted = await postCredit(c.var.deps, { actor: actor(c), orgSlug: slugOf(c), notice: idOf(c) });
      return redirectWith(
        c,
        `/orgs/${slugOf(c)}/recognition/notices/${idOf(c)}`,
        'success',
        posted ? `Posted ${hours(posted.hours)} to the license record.` : 'Credit was already posted.',
      );
    }),
  );
  r.post('/orgs/:slug/recognition/notices/:id/dismiss', async (c) => {
    const fields = await formFields(c);
    return explained(c, async () => {
      await dismissCompletionNotice(c.var.deps, {
        actor: actor(c),
        orgSlug: slugOf(c),
        notice: idOf(c),
        ...fields,
      });
      return redirectWith(c, `/orgs/${slugOf(c)}/recognition/notices`, 'success', 'Notice dismissed.');
    });
  });

  r.get('/orgs/:slug/recognition/licenses', (c) => officerLicensesPage(c));
  for (const decision of ['confirm', 'reject'] as const) {
    r.post(`/orgs/:slug/recognition/licenses/:id/${decision}`, async (c) => {
      const fields = await formFields(c);
      return handleForm(
        c,
        fields,
        async () => {
          const { posted } = await decideLicense(c.var.deps, {
            actor: actor(c),
            orgSlug: slugOf(c),
            license: idOf(c),
            ...fields,
            decision,
          });
          return redirectWith(
            c,
            `/orgs/${slugOf(c)}/recognition/licenses`,
            'success',
            decision === 'confirm'
              ? `License confirmed${posted ? `; credit posted for ${posted} waiting notice(s)` : ''}.`
              : 'License link rejected; the earner can correct it.',
          );
        },
        (form, status) => officerLicensesPage(c, { id: idOf(c), form }, status as 422),
      );
    });
  }

  r.get('/orgs/:slug/recognition/roster', async (c) => {
    const { db, clock } = c.var.deps;
    const organisation = await requireRecognizer(db, slugOf(c), actor(c).userId, 'recognition.read');
    const program = c.req.query('program') || undefined;
    const shortOnly = c.req.query('short') === '1';
    const rows = await recognizerRoster(db, organisation.id, { now: clock.now(), program, shortOnly });
    const programs = await db
      .selectFrom('recognition_programs')
      .select(['public_id', 'name'])
      .where('organisation_id', '=', organisation.id)
      .orderBy('name')
      .execute();
    const query = new URLSearchParams({
      ...(program ? { program } : {}),
      ...(shortOnly ? { short: '1' } : {}),
    }).toString();
    return page(
      c,
      'Roster',
      <>
        <h1>Roster of {organisation.name}</h1>
        <RecognitionNav slug={organisation.slug} />
        <form method="get" class="card">
          <label for="f-program">Program</label>{' '}
          <select id="f-program" name="program">
            <option value="">All programs</option>
            {programs.map((p) => (
              <option value={p.public_id} selected={p.public_id === program}>
                {p.name}
              </option>
            ))}
          </select>{' '}
          <label>
            <input type="checkbox" name="short" value="1" checked={shortOnly} /> Short of required hours only
          </label>{' '}
          <button type="submit" class="secondary">
            Filter
          </button>
        </form>
        <p>
          <a href={`/orgs/${organisation.slug}/recognition/roster.csv${query ? `?${query}` : ''}`}>
            Download as CSV
          </a>
        </p>
        <table>
          <TableHead columns={['Name', 'License', 'Program', 'Cycle', 'Earned', 'Required', 'Short by']} />
          <tbody>
            {rows.map((row) => (
              <tr>
                <td>{row.userName}</td>
                <td>{row.licenseNumber}</td>
                <td>{row.programName}</td>
                <td>
                  {row.cycleStart} – {row.cycleEnd}
                </td>
                <td>{hours(row.earned)}</td>
                <td>{hours(row.required)}</td>
                <td>{row.shortfall > 0 ? hours(row.shortfall) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </>,
    );
  });
  r.get('/orgs/:slug/recognition/roster.csv', async (c) => {
    const { db, clock } = c.var.deps;
    const organisation = await requireRecognizer(db, slugOf(c), actor(c).userId, 'recognition.read');
    const rows = await recognizerRoster(db, organisation.id, {
      now: clock.now(),
      program: c.req.query('program') || undefined,
      shortOnly: c.req.query('short') === '1',
    });
    return c.body(rosterCsv(rows), 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${organisation.slug}-roster.csv"`,
    });
  });

  r.get('/orgs/:slug/recognition/programs/:id/webhook', (c) => webhookPage(c));
  r.post('/orgs/:slug/recognition/programs/:id/webhook', async (c) => {
    const fields = await formFields(c);
    return handleForm(
      c,
      fields,
      async () => {
        const { secret } = await setNoticeWebhook(
          { ...c.var.deps, vault: c.var.deps.credentials.vault },
          { actor: actor(c), orgSlug: slugOf(c), program: idOf(c), ...fields },
        );
        return webhookPage(c, emptyForm, secret);
      },
      (form, status) => webhookPage(c, form, null, status as 422),
    );
  });
  return r;
}
