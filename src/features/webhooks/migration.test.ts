import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql, Migrator } from 'kysely';
import { openStorage, migrate } from '../../storage/database.ts';
import { migrations } from '../../storage/migrations/index.ts';
import { testCredentialServices } from '../../testing/http.ts';
import { openWebhookSecret, sealWebhookSecret } from './secrets.ts';

test('migration 0020 moves each program webhook into a subscription (same secret) and gives notices still waiting a delivery', async () => {
  const storage = await openStorage({ databaseUrl: null, dataDir: '', inMemory: true });
  try {
    const migrator = new Migrator({
      db: storage.db,
      provider: { getMigrations: async () => migrations },
      migrationTableName: 'schema_migrations',
      migrationLockTableName: 'schema_migrations_lock',
    });
    const before = await migrator.migrateTo('0016_credential_ids_per_organisation');
    assert.equal(before.error, undefined);
    const vault = testCredentialServices().vault;
    const sealed = sealWebhookSecret(vault, 'whsec_kept');
    const at = '2026-11-01T09:00:00Z';
    await sql`insert into organisations (public_id, slug, name, kind, updated_at) values ('org_board', 'board', 'State Board', 'recognizer', ${at}), ('org_issuer', 'issuer', 'Academy', 'issuer', ${at})`.execute(
      storage.db,
    );
    await sql`insert into recognition_programs (public_id, organisation_id, name, license_name, cycle_years, hours_required, unit_rule, fixed_hours, webhook_url, webhook_secret_enc)
      select 'rprg_hook', id, 'Renewal', 'License', 5, 2, 'fixed', 0.5, 'https://board.example/hook', ${sealed} from organisations where slug = 'board'
      union all select 'rprg_quiet', id, 'Other', 'License', 5, 2, 'fixed', 0.5, null, null from organisations where slug = 'board'`.execute(
      storage.db,
    );
    await sql`insert into credentials (public_id, organisation_id, credential_id, achievement_id, achievement_name, document, document_sha256, valid_from, issued_at)
      select 'cred_one', id, 'urn:uuid:one', 'https://x/a', 'Circles', '{}', 'h', ${at}, ${at} from organisations where slug = 'issuer'`.execute(
      storage.db,
    );
    await sql`insert into completion_notices (public_id, program_id, credential_id, document, created_at, webhook_state)
      select 'notice_waiting', p.id, c.id, '{}', ${at}, 'pending' from recognition_programs p, credentials c where p.public_id = 'rprg_hook' and c.public_id = 'cred_one'`.execute(
      storage.db,
    );
    await sql`insert into audit_events (organisation_id, action, subject_type, subject_id, data, created_at)
      select id, 'notice.created', 'completion_notice', 'notice_waiting', '{"program":"rprg_hook"}'::jsonb, ${at} from organisations where slug = 'board'`.execute(
      storage.db,
    );
    await sql`insert into jobs (type, payload, run_at, idempotency_key, created_at, updated_at) values ('recognition.webhook', '{"noticeId":1}'::jsonb, ${at}, 'recognition-webhook:1', ${at}, ${at})`.execute(
      storage.db,
    );

    await migrate(storage.db);
    const subscriptions = await storage.db
      .selectFrom('webhook_subscriptions')
      .select(['url', 'events', 'program_public_id', 'secret_enc', 'enabled'])
      .execute();
    assert.equal(subscriptions.length, 1, 'only the program that had a webhook');
    const [s] = subscriptions;
    assert.deepEqual(
      [s!.url, s!.events, s!.program_public_id, s!.enabled],
      ['https://board.example/hook', ['completion_notice.sent'], 'rprg_hook', true],
    );
    assert.equal(openWebhookSecret(vault, s!.secret_enc), 'whsec_kept', 'receivers keep their secret');
    const deliveries = await storage.db
      .selectFrom('webhook_deliveries')
      .select(['event_type', 'state', 'public_id'])
      .execute();
    assert.deepEqual(
      deliveries.map((d) => [d.event_type, d.state]),
      [['completion_notice.sent', 'pending']],
      'the waiting notice is not lost',
    );
    const jobs = await storage.db
      .selectFrom('jobs')
      .select(['type', 'status', 'idempotency_key'])
      .orderBy('id')
      .execute();
    assert.deepEqual(
      jobs.map((j) => [j.type, j.status]),
      [
        ['recognition.webhook', 'dead'],
        ['webhooks.deliver', 'queued'],
      ],
    );
    assert.equal(jobs[1]!.idempotency_key, `webhook:${deliveries[0]!.public_id}`);
    const columns = await sql<{
      column_name: string;
    }>`select column_name from information_schema.columns where table_name = 'recognition_programs' and column_name like 'webhook%'`.execute(
      storage.db,
    );
    assert.deepEqual(columns.rows, [], 'the old columns are gone: one webhook mechanism');
  } finally {
    await storage.close();
  }
});
