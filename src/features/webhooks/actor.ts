import type { Clock } from '../../domain/clock.ts';
import type { Config } from '../../config.ts';
import type { KeyVault } from '../../credentials/keyVault.ts';
import type { Db } from '../../storage/database.ts';

/** Who manages an organisation's webhooks: resolved by access.ts (an API token, or an owner/admin). */
export interface WebhookActor {
  organisationId: number;
  userId: number | null;
  ip: string | null;
}

export interface WebhookDeps {
  db: Db;
  clock: Clock;
  config: Config;
  vault: KeyVault;
}
