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

/** A link into Cairn for emails. */
export function appLink(config: Config, path: string): string {
  return `${config.publicUrl}${path}`;
}
