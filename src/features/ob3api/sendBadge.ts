import * as oauth from 'openid-client';
import { ownIssuedBadge, ownImportedBadge, type BackpackDeps } from '../backpack/index.ts';
import type { Actor } from '../../domain/commands.ts';
import { AppError, notFound } from '../../domain/errors.ts';
import { recordAudit } from '../../storage/audit.ts';
import { clientConfiguration, keepTokens } from './connectBackpack.ts';
import { connectionByPublicId, issuedDocuments, type ConnectionRow } from './queries.ts';
import { listedForm, type Listed } from './storedBadge.ts';
import { ob3Message } from './messages.ts';

/** A badge of the earner's, by the reference the backpack page uses: `issued:<id>` or `imported:<id>`. */
async function badgeToSend(deps: BackpackDeps, actor: Actor, ref: string): Promise<Listed> {
  const [kind, id = ''] = ref.split(':', 2);
  if (kind === 'issued') {
    const badge = await ownIssuedBadge(deps.db, actor.userId, id, deps.clock.now());
    const [row] = await issuedDocuments(deps.db, [badge.id]);
    if (row) return { kind: 'json', text: row.document };
  } else if (kind === 'imported') {
    const listed = listedForm(await ownImportedBadge(deps.db, actor.userId, id));
    if (listed) return listed;
    throw new AppError('validation_failed', ob3Message('notOb3'));
  }
  throw notFound('badge');
}

/** A fresh access token for the connection: the stored one, or one got with the refresh token. */
async function accessToken(deps: BackpackDeps, row: ConnectionRow, forceRefresh: boolean): Promise<string> {
  const { vault } = deps.credentials;
  const fresh =
    row.access_expires_at === null || row.access_expires_at.getTime() > deps.clock.now().getTime() + 30_000;
  if (row.sealed_access_token && fresh && !forceRefresh)
    return Buffer.from(vault.open(row.sealed_access_token)).toString('utf8');
  if (!row.sealed_refresh_token)
    throw new AppError('validation_failed', ob3Message('connectionExpired', { host: row.host_name }));
  let tokens: oauth.TokenEndpointResponse;
  try {
    tokens = await oauth.refreshTokenGrant(
      clientConfiguration(deps, row),
      Buffer.from(vault.open(row.sealed_refresh_token)).toString('utf8'),
    );
  } catch {
    throw new AppError('validation_failed', ob3Message('connectionRefused', { host: row.host_name }));
  }
  await keepTokens(deps, row.id, tokens, row.sealed_refresh_token);
  return tokens.access_token;
}

/**
 * "Send to <host>": upserts one of the earner's badges into their backpack on another OB 3.0
 * host, exactly as Cairn holds it (JSON, or a compact JWS as text/plain). Refreshes the access
 * token when it has run out, and once more if the host refuses it.
 */
export async function sendBadge(
  deps: BackpackDeps,
  actor: Actor,
  connectionPublicId: string,
  badgeRef: string,
): Promise<{ hostName: string; replaced: boolean }> {
  const row = await connectionByPublicId(deps.db, actor.userId, connectionPublicId);
  if (!row || row.state !== 'connected') throw notFound('connection');
  const listed = await badgeToSend(deps, actor, badgeRef);
  const body = listed.kind === 'jws' ? listed.jws : listed.text;
  const headers = new Headers({
    'content-type': listed.kind === 'jws' ? 'text/plain' : 'application/json',
    accept: 'application/json',
  });
  const url = new URL(`${row.api_base}/credentials`);
  const post = async (token: string) => {
    try {
      return await oauth.fetchProtectedResource(
        clientConfiguration(deps, row),
        token,
        url,
        'POST',
        body,
        headers,
      );
    } catch (err) {
      throw new AppError(
        'validation_failed',
        ob3Message('sendUnreachable', { host: row.host_name, reason: (err as Error).message }),
      );
    }
  };
  let res = await post(await accessToken(deps, row, false));
  if (res.status === 401) res = await post(await accessToken(deps, row, true));
  if (res.status !== 200 && res.status !== 201) {
    let why = ob3Message('answered', { status: String(res.status) });
    try {
      const info = (await res.json()) as { imsx_description?: unknown };
      if (typeof info.imsx_description === 'string') why = info.imsx_description.slice(0, 300);
    } catch {
      // Not an imsx_StatusInfo: the status says enough.
    }
    throw new AppError('validation_failed', ob3Message('notTaken', { host: row.host_name, reason: why }));
  }
  await recordAudit(
    deps.db,
    {
      organisationId: null,
      actorUserId: actor.userId,
      action: 'backpack.badge_sent',
      subjectType: 'ob3_connection',
      subjectId: row.public_id,
      data: { badge: badgeRef, status: res.status },
      ip: actor.ip,
    },
    deps.clock.now(),
  );
  return { hostName: row.host_name, replaced: res.status === 200 };
}
