import { Hono, type Context } from 'hono';
import { noticesForCredentials } from '../../credit/index.ts';
import { statusesOf, type CredentialStatus } from '../queries/credentialStatus.ts';
import { awardCredential } from '../commands/awardCredential.ts';
import { changeCredentialStatus } from '../commands/changeCredentialStatus.ts';
import { changeManyCredentialStatuses } from '../commands/changeManyCredentialStatuses.ts';
import { requireMember } from '../../accounts/index.ts';
import { requireViewer } from '../../../http/middleware/session.ts';
import type { AppEnv } from '../../../http/env.ts';
import { CsrfField, emptyForm, TableHead, type FormState } from '../../../web/forms.tsx';
import { formFields, handleForm, page, redirectWith } from '../../../web/render.tsx';
import { AwardSection, BulkStatusForm, CredentialRow } from './issuedCredentialViews.tsx';

type C = Context<AppEnv>;

const STATUS_WORD: Record<CredentialStatus, 'Valid' | 'Revoked' | 'Suspended' | 'Expired'> = {
  valid: 'Valid',
  revoked: 'Revoked',
  suspended: 'Suspended',
  expired: 'Expired',
};

const access = (c: C) =>
  requireMember(
    c.var.deps.db,
    c.req.param('slug') ?? '',
    requireViewer(c.var.viewer).user_id,
    'credentials.issue',
  );

/** The signed-in member acting (the commands check their role themselves). */
const actorOf = (c: C) => ({ userId: requireViewer(c.var.viewer).user_id, ip: c.var.ip });

const listPage = async (c: C, form: FormState = emptyForm, status: 200 | 409 | 422 = 200) => {
  const { organisation } = await access(c);
  const { db } = c.var.deps;
  const [rows, mcs] = await Promise.all([
    db
      .selectFrom('credentials')
      .select(['id', 'public_id', 'recipient_email', 'recipient_did', 'achievement_name', 'issued_at'])
      .where('organisation_id', '=', organisation.id)
      .orderBy('id', 'desc')
      .limit(200)
      .execute(),
    db
      .selectFrom('catalog_entries')
      .select(['public_id', 'title'])
      .where('organisation_id', '=', organisation.id)
      .orderBy('title')
      .execute(),
  ]);
  // Without valid_until: this list shows revoked, suspended or valid, not expiry.
  const statuses = await statusesOf(
    db,
    rows.map((r) => ({ id: r.id })),
    c.var.deps.clock.now(),
  );
  // Completion notices sent to recognizers for these credentials (issue 7).
  const notices = await noticesForCredentials(
    db,
    rows.map((r) => r.id),
  );
  const statusOf = (id: number) => STATUS_WORD[statuses.get(id) ?? 'valid'];
  const base = `/orgs/${organisation.slug}/credentials`;
  return page(
    c,
    'Issued credentials',
    <>
      <h1>Credentials issued by {organisation.name}</h1>
      <p>
        Awarding many at once? <a href={`/orgs/${organisation.slug}/awards`}>Bulk award from CSV</a>
      </p>
      <AwardSection form={form} csrf={c.var.csrfToken} action={base} mcs={mcs} />
      <BulkStatusForm csrf={c.var.csrfToken} action={`${base}/status`} />
      <table>
        <TableHead
          columns={[
            <span class="visually-hidden">Select</span>,
            'Recipient',
            'Achievement',
            'Issued',
            'Status',
            'Change',
          ]}
        />
        <tbody>
          {rows.map((row) => (
            <CredentialRow
              row={row}
              status={statusOf(row.id)}
              notices={notices.filter((n) => n.credential_id === row.id)}
              base={base}
              csrf={c.var.csrfToken}
            />
          ))}
        </tbody>
      </table>
    </>,
    status,
  );
};

/**
 * Revoking cannot be undone, so the list's Revoke first comes here: what revoking does, the
 * credentials it applies to, and the reason shown publicly. Works without JavaScript.
 */
const confirmRevokePage = async (
  c: C,
  organisation: { id: number; slug: string },
  action: string,
  ids: string[],
  reason: string,
) => {
  const rows = ids.length
    ? await c.var.deps.db
        .selectFrom('credentials')
        .select(['public_id', 'achievement_name', 'recipient_email', 'recipient_did'])
        .where('organisation_id', '=', organisation.id)
        .where('public_id', 'in', ids)
        .execute()
    : [];
  const base = `/orgs/${organisation.slug}/credentials`;
  if (!rows.length) return redirectWith(c, base, 'error', 'Select the credentials to revoke.');
  const many = rows.length > 1;
  return page(
    c,
    'Revoke?',
    <>
      <p class="muted">
        <a href={base}>← Issued credentials</a>
      </p>
      <h1>{many ? `Revoke ${rows.length} credentials?` : 'Revoke this credential?'}</h1>
      <ul>
        {rows.map((row) => (
          <li>
            <a href={`/badges/${row.public_id}`}>{row.achievement_name}</a> issued to{' '}
            {row.recipient_email ?? row.recipient_did}
          </li>
        ))}
      </ul>
      <section class="card">
        <h2>What revoking does</h2>
        <ul>
          <li>
            It is permanent: a revoked credential cannot be reinstated. (To pause one, suspend it instead.)
          </li>
          <li>
            Anyone who checks {many ? 'these credentials' : 'this credential'} — on the badge page, at /verify
            or in another wallet — is told {many ? 'they were' : 'it was'} revoked, with the reason below.
          </li>
          <li>
            Credit a recognizer recorded for {many ? 'them' : 'it'} is reversed, and the earner keeps the
            badge only as a revoked record.
          </li>
        </ul>
        <form method="post" action={action} class="stack">
          <CsrfField token={c.var.csrfToken} />
          <input type="hidden" name="action" value="revoke" />
          <input type="hidden" name="confirm" value="yes" />
          {rows.map((row) => (
            <input type="hidden" name="ids" value={row.public_id} />
          ))}
          <label for="f-reason">Reason, shown publicly</label>
          <span class="hint">
            For example: “Issued in error” or “Assessment found invalid”. Verifiers and the earner see it.
          </span>
          <input id="f-reason" name="reason" type="text" value={reason} />
          <p>
            <button type="submit" class="danger">
              {many ? `Revoke ${rows.length} credentials` : 'Revoke this credential'}
            </button>{' '}
            <a href={base}>Cancel</a>
          </p>
        </form>
      </section>
    </>,
  );
};

/** POST /orgs/:slug/credentials: awards one micro-credential by email from the list page's form. */
async function awardOne(c: C) {
  const fields = await formFields(c);
  return handleForm(
    c,
    fields,
    async () => {
      const { organisation } = await access(c);
      const text = (name: string) =>
        typeof fields[name] === 'string' && fields[name].trim() ? fields[name].trim() : undefined;
      const credits = text('creditsEarned');
      await awardCredential(c.var.deps, {
        email: fields.email,
        microCredential: fields.microCredential,
        narrative: text('narrative'),
        evidenceUrl: text('evidenceUrl'),
        creditsEarned:
          credits === undefined ? undefined : Number.isFinite(Number(credits)) ? Number(credits) : credits,
        issuedOn: text('issuedOn'),
        issueAgain: fields.issueAgain === 'yes',
        duplicates: 'confirm',
        organisationId: organisation.id,
        actor: actorOf(c),
      });
      return redirectWith(
        c,
        `/orgs/${organisation.slug}/credentials`,
        'success',
        'Credential issued and signed.',
      );
    },
    (form, status) => listPage(c, form, status as 422),
  );
}

/** POST /orgs/:slug/credentials/status: one change for every selected credential (revoking asks first). */
async function changeSelected(c: C) {
  const fields = await formFields(c);
  const { organisation } = await access(c);
  const back = `/orgs/${organisation.slug}/credentials`;
  if (fields.action === 'revoke' && fields.confirm !== 'yes') {
    return confirmRevokePage(
      c,
      organisation,
      `${back}/status`,
      fields.ids === undefined ? [] : [fields.ids].flat(),
      typeof fields.reason === 'string' ? fields.reason : '',
    );
  }
  return handleForm(
    c,
    fields,
    async () => {
      const ids = fields.ids === undefined ? [] : [fields.ids].flat();
      // Who acts comes last: a form field never names the actor.
      const result = await changeManyCredentialStatuses(c.var.deps, {
        ...fields,
        ids,
        organisationId: organisation.id,
        actor: actorOf(c),
      });
      // The message rides in a cookie: name a few unchanged credentials, count the rest.
      const named = result.skipped
        .slice(0, 5)
        .map((s) => `${s.id} (${s.message})`)
        .join('; ');
      const more = result.skipped.length > 5 ? ` and ${result.skipped.length - 5} more` : '';
      const skipped = result.skipped.length
        ? ` ${result.skipped.length} left unchanged: ${named}${more}.`
        : '';
      return redirectWith(
        c,
        back,
        result.skipped.length ? 'error' : 'success',
        `${result.changed.length} credential${result.changed.length === 1 ? '' : 's'} changed.${skipped}`,
      );
    },
    (form) => redirectWith(c, back, 'error', form.message ?? 'That change is not possible.'),
  );
}

/** Issuing staff award micro-credentials by email and revoke, suspend or reinstate what was issued. */
export function credentialRoutes() {
  const r = new Hono<AppEnv>();
  r.get('/orgs/:slug/credentials', (c) => listPage(c));
  r.post('/orgs/:slug/credentials', (c) => awardOne(c));
  r.post('/orgs/:slug/credentials/status', (c) => changeSelected(c));
  r.post('/orgs/:slug/credentials/:id/status', async (c) => {
    const fields = await formFields(c);
    const { organisation } = await access(c);
    if (fields.action === 'revoke' && fields.confirm !== 'yes') {
      return confirmRevokePage(
        c,
        organisation,
        `/orgs/${organisation.slug}/credentials/${c.req.param('id')}/status`,
        [c.req.param('id')],
        typeof fields.reason === 'string' ? fields.reason : '',
      );
    }
    return handleForm(
      c,
      fields,
      async () => {
        await changeCredentialStatus(c.var.deps, {
          ...fields,
          credential: c.req.param('id'),
          organisationId: organisation.id,
          actor: actorOf(c),
        });
        return redirectWith(
          c,
          `/orgs/${organisation.slug}/credentials`,
          'success',
          'Status changed; the status list is republished.',
        );
      },
      (form) =>
        redirectWith(
          c,
          `/orgs/${organisation.slug}/credentials`,
          'error',
          form.message ?? 'That change is not possible.',
        ),
    );
  });
  return r;
}
