import type { Config } from '../config.ts';
import { organisationDid } from '../credentials/issuerIdentity.ts';
import { publishStatusList, type CredentialServices } from '../signing/organisationSigner.ts';
import { inTransaction, type Db } from '../storage/database.ts';
import { claimInstanceSetting, normalizePublicUrl, setInstanceSetting } from '../storage/instanceSettings.ts';

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

/** What to tell someone who started a process for another public URL: what happened and exactly what to run. */
export function publicUrlMismatchMessage(stored: string, wanted: string): string {
  const old = new URL(stored);
  const keep =
    isLocal(old) && old.port && old.pathname === '/'
      ? `start with PORT=${old.port} (when PUBLIC_URL is not set), or with PUBLIC_URL=${stored}`
      : `start with PUBLIC_URL=${stored}`;
  return [
    `This database belongs to the Cairn at ${stored}, but this process was started for ${wanted} (PUBLIC_URL, or http://localhost:PORT when PUBLIC_URL is not set).`,
    `Badges and status lists name their organisation by that address (${organisationDid(stored, '<organisation>')}), so every process on one database must use the same one: with another, status lists would be signed under another name and badges would stop verifying.`,
    `  • To keep ${stored}: ${keep}.`,
    `  • To move to ${wanted}: run \`npx cairn public-url set ${wanted}\` with the same DATABASE_URL or CAIRN_DATA_DIR, then start again the same way.`,
    `    It re-signs the status lists for the new address. Badges issued before keep naming ${stored} and verify only where that address still reaches this Cairn.`,
  ].join('\n');
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

/** Why a URL cannot be Cairn's public URL, or null when it can. */
export function publicUrlProblem(url: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return `"${url}" is not a web address: give one like https://badges.example.org or http://localhost:3001.`;
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:')
    return `"${url}" must start with https:// (or http:// for a local demo).`;
  if (u.search || u.hash || u.username || u.password)
    return `"${url}" must be a plain address, without ?query, #fragment or user name.`;
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
