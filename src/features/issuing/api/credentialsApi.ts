import { Hono } from 'hono';
import { AppError } from '../../../domain/errors.ts';
import { awardCredential } from '../commands/awardCredential.ts';
import { changeManyCredentialStatuses } from '../commands/changeManyCredentialStatuses.ts';
import { statusesOf } from '../queries/credentialStatus.ts';
import type { AppEnv } from '../../../http/env.ts';
import { issuingOrganisation } from '../issuerAccess.ts';
import { jsonObjectBody } from '../../../http/jsonBody.ts';
import { issuedCredentialsOf } from '../queries/issuedCredentials.ts';
import { issuingPaths } from '../paths.ts';
import { commandMessage } from '../../../web/i18n/commandMessages.ts';

/** Awarding, listing and changing the status of an organisation's credentials over JSON. */
export function credentialsApiRoutes() {
  const r = new Hono<AppEnv>();
  const base = '/api/v1/orgs/:slug/credentials';

  r.post(base, async (c) => {
    const { organisation, actor } = await issuingOrganisation(c, 'credentials:issue');
    // The body first; the organisation and the actor last: a body never names who acts, or for whom.
    const body = await jsonObjectBody(c);
    const issued = await awardCredential(c.var.deps, { ...body, organisationId: organisation.id, actor });
    const url = `${c.var.deps.config.publicUrl}${issuingPaths.badge(issued.publicId)}`;
    return c.json(
      {
        id: issued.publicId,
        organisation: organisation.slug,
        url,
        credential: issued.credential,
        jwt: issued.jwt ?? undefined,
      },
      201,
    );
  });

  r.get(base, async (c) => {
    const { organisation } = await issuingOrganisation(c, 'credentials:read');
    const { db, config } = c.var.deps;
    const raw = c.req.query('before');
    const before = raw === undefined || raw === '' ? undefined : Number(raw);
    if (before !== undefined && !(Number.isSafeInteger(before) && before > 0))
      throw new AppError('validation_failed', commandMessage('errors.issuing.api.before'), {
        before: commandMessage('errors.issuing.api.beforeShort'),
      });
    const rows = await issuedCredentialsOf(db, organisation.id, { limit: 100, before });
    const statuses = await statusesOf(db, rows, c.var.deps.clock.now());
    return c.json({
      credentials: rows.map((x) => ({
        id: x.public_id,
        recipient: x.recipient_email ?? x.recipient_did,
        achievement: { id: x.achievement_id, name: x.achievement_name },
        issuedAt: x.issued_at.toISOString(),
        validUntil: x.valid_until?.toISOString() ?? null,
        status: statuses.get(x.id) ?? 'valid',
        url: `${config.publicUrl}${issuingPaths.badge(x.public_id)}`,
      })),
      next: rows.length === 100 ? rows[rows.length - 1]!.id : null,
    });
  });

  r.post(`${base}/status`, async (c) => {
    const { organisation, actor } = await issuingOrganisation(c, 'credentials:status');
    // The organisation and the actor come last: a body never names who acts, or for whom.
    const body = await jsonObjectBody(c);
    const result = await changeManyCredentialStatuses(c.var.deps, {
      ...body,
      organisationId: organisation.id,
      actor,
    });
    return c.json(result);
  });
  return r;
}
