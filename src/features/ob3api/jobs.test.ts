import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testBackends, unique } from '../../testing/databases.ts';
import { ManualClock } from '../../domain/clock.ts';
import { silentLogger } from '../../logger.ts';
import { testConfig } from '../../testing/http.ts';
import { purgeOauthModelsJob } from './jobs.ts';
import { allSchedules } from '../../main/jobRegistry.ts';
import { enqueueJob } from '../../jobs/queue.ts';
import { Worker } from '../../jobs/worker.ts';
import type { JobDefinition } from '../../jobs/definition.ts';
import { outboxOnlyMailer } from '../../mail/mailer.ts';

for (const backend of testBackends()) {
  describe(`OAuth housekeeping (${backend.name})`, () => {
    test('the hourly job deletes expired authorization records and keeps live ones', async () => {
      const storage = await backend.storage();
      const clock = new ManualClock(new Date('2026-06-01T12:00:00Z'));
      const id = unique('grant');
      const row = (suffix: string, expiresAt: Date | null) => ({
        model: 'Grant',
        id: `${id}-${suffix}`,
        payload: JSON.stringify({ kind: 'Grant' }),
        grant_id: null,
        user_code: null,
        uid: null,
        expires_at: expiresAt,
      });
      await storage.db
        .insertInto('oauth_models')
        .values([
          row('old', new Date('2026-06-01T11:00:00Z')),
          row('live', new Date('2026-06-01T13:00:00Z')),
          row('forever', null),
        ])
        .execute();
      await enqueueJob(storage.db, purgeOauthModelsJob.type, {}, clock.now());
      await new Worker({
        deps: { db: storage.db, clock, logger: silentLogger, mailer: outboxOnlyMailer, config: testConfig() },
        jobs: [purgeOauthModelsJob as JobDefinition<unknown>],
        concurrency: 1,
        pollMs: 20,
      }).drain();
      const left = await storage.db
        .selectFrom('oauth_models')
        .select('id')
        .where('id', 'like', `${id}-%`)
        .orderBy('id')
        .execute();
      assert.deepEqual(
        left.map((r) => r.id),
        [`${id}-forever`, `${id}-live`],
      );
      assert.ok(
        allSchedules.some((s) => s.jobType === purgeOauthModelsJob.type),
        'it runs on a schedule',
      );
    });
  });
}
