import type { Clock } from './clock.ts';
import type { Config } from '../config.ts';
import type { Db } from '../storage/database.ts';

/** What every command needs; passed in by the route, CLI or job that runs it. */
export interface CommandDeps {
  db: Db;
  clock: Clock;
  config: Config;
}

/** Who is acting and from where, for permissions and the audit log. */
export interface Actor {
  userId: number;
  ip: string | null;
}

/**
 * An organisation acting through one of its API tokens: no person acts, the token's scopes say
 * what it may do (http/apiTokens.ts maps each scope to the actions it allows).
 */
export interface ApiTokenActor {
  kind: 'token';
  userId: null;
  organisationId: number;
  tokenPublicId: string;
  scopes: readonly string[];
  ip: string | null;
}

/** Who acts in an organisation's command: a person (their roles decide) or its API token (its scopes decide). */
export type OrganisationActor = Actor | ApiTokenActor;

/** A link into Cairn for emails. */
export function appLink(config: Config, path: string): string {
  return `${config.publicUrl}${path}`;
}
