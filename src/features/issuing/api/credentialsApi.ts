import { Hono } from 'hono';
import { AppError } from '../../../domain/errors.ts';
import { awardCredential } from '../commands/awardCredential.ts';
import { changeManyCredentialStatuses } from '../commands/changeManyCredentialStatuses.ts';
import { statusesOf } from '../queries/credentialStatus.ts';
import type { AppEnv } from '../../../http/env.ts';
import { issuingOrganisation } from '../issuerAccess.ts';
import { jsonObjectBody } from '../../../http/jsonBody.ts';

/** Awarding, listing and changing the status of an organisation's credentials over JSON. */
export function credentialsApiRoutes() {
  const r = new Hono<AppEnv>();
  const base = '/api/v1/orgs/:slug/credentials';

  r.post(base, async (c) => {
    const { organisation, actor } = await issuingOrganisation(c, 'credentials:issue');
    const issued = await awardCredential(c.var.deps, actor, await jsonObjectBody(c));
    const url = `${c.var.deps.config.publicUrl}/badges/${issued.publicId}`;
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
      throw new AppError(
        'validation_failed',
        'before is the `next` value of an earlier page (a whole number).',
        { before: 'Use the next value of the previous page.' },
      );
    let q = db
      .selectFrom('credentials')
      .select([
        'id',
        'public_id',
        'recipient_email',
        'recipient_did',
        'achievement_name',
        'achievement_id',
        'issued_at',
        'valid_until',
      ])
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
    const { actor } = await issuingOrganisation(c, 'credentials:status');
    // The actor comes last: a body never names who acts.
    const result = await changeManyCredentialStatuses(c.var.deps, { ...(await jsonObjectBody(c)), actor });
    return c.json(result);
  });
  return r;
}
