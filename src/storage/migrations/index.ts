import type { Migration } from 'kysely';
import * as m0020 from './0020_webhooks.ts';
import * as m0001 from './0001_foundation.ts';
import * as m0002 from './0002_credentials.ts';
import * as m0003 from './0003_rsa_keys.ts';
import * as m0004 from './0004_catalog.ts';
import * as m0005 from './0005_pathways.ts';
import * as m0006 from './0006_badge_images.ts';
import * as m0007 from './0007_earning.ts';
import * as m0008 from './0008_teams.ts';
import * as m0017 from './0017_trust_accounts.ts';
import * as m0015 from './0015_mail_sending.ts';
import * as m0012 from './0012_fees.ts';
import * as m0009 from './0009_claims.ts';
import * as m0010 from './0010_bulk_awards.ts';
import * as m0013 from './0013_recognition.ts';
import * as m0014 from './0014_credit_ledger.ts';
import * as m0011 from './0011_backpack.ts';
import * as m0016 from './0016_credential_ids_per_organisation.ts';
import * as m0019 from './0019_ob3_api.ts';
import * as m0018 from './0018_account_deletion.ts';
import * as m0021 from './0021_api_token_scopes.ts';
import * as m0025 from './0025_notifications.ts';
import * as m0024 from './0024_badge_name_display.ts';
import * as m0026 from './0026_ce_sessions.ts';
import * as m0027 from './0027_user_locale.ts';
import * as m0028 from './0028_language_editions.ts';
import * as m0029 from './0029_payment_instruction_facts.ts';
import * as m0030 from './0030_stored_facts.ts';

/** Forward-only, numbered migrations in the order they apply. Never edit one that has shipped. */
export const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_credentials': m0002,
  '0003_rsa_keys': m0003,
  '0004_catalog': m0004,
  '0005_pathways': m0005,
  '0006_badge_images': m0006,
  '0007_earning': m0007,
  '0008_teams': m0008,
  '0017_trust_accounts': m0017,
  '0015_mail_sending': m0015,
  '0012_fees': m0012,
  '0009_claims': m0009,
  '0010_bulk_awards': m0010,
  '0013_recognition': m0013,
  '0014_credit_ledger': m0014,
  '0011_backpack': m0011,
  '0016_credential_ids_per_organisation': m0016,
  '0019_ob3_api': m0019,
  '0018_account_deletion': m0018,
  '0020_webhooks': m0020,
  '0021_api_token_scopes': m0021,
  '0025_notifications': m0025,
  '0024_badge_name_display': m0024,
  '0026_ce_sessions': m0026,
  '0027_user_locale': m0027,
  '0028_language_editions': m0028,
  '0029_payment_instruction_facts': m0029,
  '0030_stored_facts': m0030,
};
