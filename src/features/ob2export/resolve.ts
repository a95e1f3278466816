import type { Config } from '../../config.ts';
import type { Queryable } from '../../storage/database.ts';
import { ob2Assertion, ob2BadgeClass, ob2Issuer } from './documents.ts';
import { credentialForOb2, issuerForOb2 } from './queries.ts';

/** An own OB 2.0 URL that serves nothing to a stranger: nothing published there, or a private badge. */
export class Ob2NotServedError extends Error {
  constructor(
    message: string,
    readonly reason: 'unpublished' | 'private' = 'unpublished',
  ) {
    super(message);
    this.name = 'Ob2NotServedError';
  }
}

/**
 * This Cairn's own OB 2.0 documents, read from the database instead of over HTTP (what
 * verification uses for URLs of this site). Returns undefined for any other URL; throws for an
 * own URL that serves nothing to a stranger (unknown, or a badge its earner made private).
 */
export async function ownOb2Document(
  db: Queryable,
  config: Config,
  url: string,
): Promise<Record<string, unknown> | undefined> {
  const prefix = `${config.publicUrl}/ob2/`;
  if (!url.startsWith(prefix)) return undefined;
  const m = /^(assertions|badges|issuers)\/([A-Za-z0-9_-]+)$/.exec(url.slice(prefix.length));
  if (!m) throw new Ob2NotServedError(`Nothing is published at ${url}`);
  const [, kind, id] = m as unknown as [string, 'assertions' | 'badges' | 'issuers', string];
  if (kind === 'issuers') {
    const org = await issuerForOb2(db, id);
    if (!org) throw new Ob2NotServedError(`No issuer is published at ${url}`);
    return ob2Issuer(config, org);
  }
  const source = await credentialForOb2(db, id);
  if (!source) throw new Ob2NotServedError(`No badge is published at ${url}`);
  if (source.private === true)
    throw new Ob2NotServedError(
      'That badge is private: its earner keeps its documents to themselves',
      'private',
    );
  return kind === 'assertions' ? ob2Assertion(config, source) : ob2BadgeClass(config, source);
}

/** A fetchJson that answers this site's OB 2.0 URLs from the database and passes the rest on. */
export function withOwnOb2Documents(
  db: Queryable,
  config: Config,
  fetchJson: ((url: string) => Promise<unknown>) | undefined,
): ((url: string) => Promise<unknown>) | undefined {
  return async (url: string) => {
    const own = await ownOb2Document(db, config, url);
    if (own) return own;
    if (!fetchJson) throw new Error(`Fetching ${url} needs the network, which is off here`);
    return fetchJson(url);
  };
}
