import { Hono, type Context } from 'hono';
import { AppError, notFound } from '../domain/errors.ts';
import { authenticateApiToken } from '../commands/manageApiTokens.ts';
import { requireMember } from '../commands/organisationAccess.ts';
import { awardCredential } from '../commands/awardCredential.ts';
import { changeManyCredentialStatuses } from '../commands/changeManyCredentialStatuses.ts';
import { findOrganisationBySlug } from '../storage/organisations.ts';
import { statusesOf } from '../storage/credentialStatus.ts';
import type { IssuingActor } from '../commands/issueCredential.ts';
import type { Organisation } from '../storage/schema.ts';
import { requireViewer } from './middleware/session.ts';
import type { AppEnv } from './env.ts';

type C = Context<AppEnv>;

/** Who may issue for the organisation in the URL: its API token, or a member allowed to issue. */
async function issuer(c: C): Promise<{ organisation: Organisation; actor: IssuingActor }> {
  const slug = c.req.param('slug') ?? '';
  const header = c.req.header('authorization') ?? '';
  if (header.startsWith('Bearer ')) {
    const auth = await authenticateApiToken(c.var.deps.db, header.slice(7).trim(), c.var.deps.clock.now());
    if (!auth) throw new AppError('unauthenticated', 'That API token is not valid (revoked, or mistyped).');
    const organisation = await findOrganisationBySlug(c.var.deps.db, slug);
    // A token of another organisation learns nothing about this one.
    if (!organisation || organisation.id !== auth.organisationId) throw notFound('That organisation');
    return { organisation, actor: { organisationId: organisation.id, userId: null, ip: c.var.ip } };
  }
  const viewer = requireViewer(c.var.viewer);
  const { organisation } = await requireMember(c.var.deps.db, slug, viewer.user_id, 'credentials.issue');
  return { organisation, actor: { organisationId: organisation.id, userId: viewer.user_id, ip: c.var.ip } };
}

async function jsonBody(c: C): Promise<Record<string, unknown>> {
  const body: unknown = await c.req.json().catch(() => undefined);
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new AppError('validation_failed', 'The request body must be a JSON object.');
  return body as Record<string, unknown>;
}

/** Awarding, listing and changing the status of an organisation's credentials over JSON. */
export function credentialsApiRoutes() {
  const r = new Hono<AppEnv>();
  const base = '/api/v1/orgs/:slug/credentials';

  r.post(base, async (c) => {
    const { organisation, actor } = await issuer(c);
    const issued = await awardCredential(c.var.deps, actor, await jsonBody(c));
    c.var.deps.onJobsEnqueued?.();
    const url = `${c.var.deps.config.publicUrl}/badges/${issued.publicId}`;
    return c.json({ id: issued.publicId, organisation: organisation.slug, url, credential: issued.credential, jwt: issued.jwt ?? undefined }, 201);
  });

  r.get(base, async (c) => {
    const { organisation } = await issuer(c);
    const { db, config } = c.var.deps;
    const raw = c.req.query('before');
    const before = raw === undefined || raw === '' ? undefined : Number(raw);
    if (before !== undefined && !(Number.isSafeInteger(before) && before > 0)) throw new AppError('validation_failed', 'before is the `next` value of an earlier page (a whole number).', { before: 'Use the next value of the previous page.' });
    let q = db
      .selectFrom('credentials')
      .select(['id', 'public_id', 'recipient_email', 'recipient_did', 'achievement_name', 'achievement_id', 'issued_at', 'valid_until'])
      .where('organisation_id', '=', organisation.id)
      .orderBy('id', 'desc')
      .limit(100);
    if (before) q = q.where('id', '<', before);
    const rows = await q.execute();
    const statuses = await statusesOf(db, rows, c.var.deps.clock.now());
    return c.json({
      credentials: rows.map((x) => ({
        id: x.public_id,
        recipient: x.recipient_email ?? x.recipient_did,
        achievement: { id: x.achievement_id, name: x.achievement_name },
        issuedAt: x.issued_at.toISOString(),
        validUntil: x.valid_until?.toISOString() ?? null,
        status: statuses.get(x.id) ?? 'valid',
        url: `${config.publicUrl}/badges/${x.public_id}`,
      })),
      next: rows.length === 100 ? rows[rows.length - 1]!.id : null,
    });
  });

  r.post(`${base}/status`, async (c) => {
    const { actor } = await issuer(c);
    const result = await changeManyCredentialStatuses(c.var.deps, actor, await jsonBody(c));
    c.var.deps.onJobsEnqueued?.();
    return c.json(result);
  });
  return r;
}
