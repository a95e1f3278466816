import type { Config } from '../config.ts';
import { organisationDid } from '../credentials/issuerIdentity.ts';
import { publishStatusList, type CredentialServices } from '../signing/organisationSigner.ts';
import { inTransaction, type Db } from '../storage/database.ts';
import { claimInstanceSetting, normalizePublicUrl, setInstanceSetting } from '../storage/instanceSettings.ts';
import { commandMessage } from '../web/i18n/commandMessages.ts';

export { normalizePublicUrl };

// Cairn's did:web identifiers and status-list addresses are made from PUBLIC_URL, so every process
// on one database must use the same one: a process with another would sign status lists under
// another DID, and the badges of that organisation would stop verifying everywhere else. The URL
// is stored on first start; a change is made deliberately with `cairn public-url set`.

/** Refusal to start with a public URL other than the database's. */
export class PublicUrlMismatchError extends Error {
  constructor(
    readonly stored: string,
    readonly wanted: string,
  ) {
    super(publicUrlMismatchMessage(stored, wanted));
    this.name = 'PublicUrlMismatchError';
  }
}

const isLocal = (u: URL) => ['localhost', '127.0.0.1', '[::1]'].includes(u.hostname);

/**
 * What to tell someone who started a process for another public URL: what happened and exactly
 * what to run. English from the catalogue; `cairn` says it again in its language.
 */
export function publicUrlMismatchMessage(stored: string, wanted: string): string {
  const old = new URL(stored);
  const keep =
    isLocal(old) && old.port && old.pathname === '/'
      ? commandMessage('cli.errors.publicUrl.keepLocal', { port: old.port, stored })
      : commandMessage('cli.errors.publicUrl.keepUrl', { stored });
  // The DID up to the organisation's slug; the template ends it with <organisation>.
  const didBase = organisationDid(stored, '');
  return commandMessage('cli.errors.publicUrl.mismatch', { stored, wanted, didBase, keep });
}

/**
 * On start: stores this process's public URL if the database has none yet (the first process to
 * start wins), and refuses with PublicUrlMismatchError when the database has another one.
 */
export async function ensurePublicUrl(db: Db, config: Pick<Config, 'publicUrl'>, now: Date): Promise<void> {
  const wanted = normalizePublicUrl(config.publicUrl);
  const stored = await claimInstanceSetting(db, 'public_url', wanted, now);
  if (normalizePublicUrl(stored) !== wanted) throw new PublicUrlMismatchError(stored, wanted);
}

/** Why a URL cannot be Cairn's public URL (English from the catalogue), or null when it can. */
export function publicUrlProblem(url: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return commandMessage('cli.errors.publicUrl.notAddress', { url });
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:')
    return commandMessage('cli.errors.publicUrl.notHttp', { url });
  if (u.search || u.hash || u.username || u.password)
    return commandMessage('cli.errors.publicUrl.notPlain', { url });
  return null;
}

/**
 * Changes the database's public URL deliberately and re-signs every status list under the DIDs
 * made from it. All lists are first marked unsigned in the same transaction as the change, so a
 * list this run does not reach (a crash midway) is re-signed by the first process that serves it.
 * DID documents are built from the URL on every request: a process started with the new URL
 * serves them at once. Also repairs lists a process with another URL signed before this check existed.
 */
export async function changePublicUrl(
  db: Db,
  services: CredentialServices,
  config: Config,
  url: string,
  now: Date,
): Promise<{ previous: string | null; publicUrl: string; lists: number }> {
  const publicUrl = normalizePublicUrl(url);
  const previous = await inTransaction(db, async (tx) => {
    const before = await setInstanceSetting(tx, 'public_url', publicUrl, now);
    await tx.updateTable('status_lists').set({ signed_version: -1 }).execute();
    return before;
  });
  const next = { ...config, publicUrl };
  const lists = await db.selectFrom('status_lists').select('public_id').orderBy('id').execute();
  let signed = 0;
  for (const list of lists) if (await publishStatusList(db, services, next, list.public_id, now)) signed++;
  return { previous, publicUrl, lists: signed };
}
