import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testBackends, unique } from '../../../testing/databases.ts';
import { testConfig } from '../../../testing/http.ts';
import { buildUser } from '../../../testing/factories.ts';
import { ManualClock, MINUTE } from '../../../domain/clock.ts';
import { AppError } from '../../../domain/errors.ts';
import { openStorage, type Db } from '../../../storage/database.ts';
import { logIn } from './logIn.ts';

// The login rate limit under concurrency: attempts are reserved before the password is checked,
// so hundreds of parallel wrong passwords get at most LOGIN_MAX_FAILURES checks per window, per
// email and per address, also from several processes (connection pools) on one PostgreSQL.

const MAX = 10;
const config = testConfig({ LOGIN_MAX_FAILURES: String(MAX), LOGIN_WINDOW_MINUTES: '15' });

/** Runs the attempts all at once and counts the outcomes by error code. */
async function outcomes(attempts: Array<() => Promise<unknown>>): Promise<Record<string, number>> {
  const results = await Promise.all(
    attempts.map((attempt) =>
      attempt().then(
        () => 'ok',
        (err: unknown) => (err instanceof AppError ? err.code : `unexpected: ${(err as Error).message}`),
      ),
    ),
  );
  const counts: Record<string, number> = {};
  for (const r of results) counts[r] = (counts[r] ?? 0) + 1;
  return counts;
}

const randomIp = () =>
  `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;

for (const backend of testBackends()) {
  describe(`login rate limit under concurrency (${backend.name})`, () => {
    test(
      '300 parallel wrong passwords for one account: at most 10 are checked; the right one works after the window',
      { timeout: 240_000 },
      async () => {
        const storage = await backend.storage();
        // On PostgreSQL the attempts go through two connection pools, as from two processes.
        const second = backend.url
          ? await openStorage({ databaseUrl: backend.url, dataDir: '', poolSize: 10 })
          : null;
        try {
          const dbs: Db[] = second ? [storage.db, second.db] : [storage.db];
          const clock = new ManualClock(new Date());
          const user = await buildUser(storage.db);
          const other = await buildUser(storage.db);
          const counts = await outcomes(
            Array.from(
              { length: 300 },
              (_, i) => () =>
                logIn(
                  { db: dbs[i % dbs.length]!, clock, config },
                  {
                    email: user.email,
                    password: `wrong password ${i}`,
                    actor: { ip: randomIp(), userAgent: null },
                  },
                ),
            ),
          );
          assert.equal(
            (counts.invalid_credentials ?? 0) + (counts.rate_limited ?? 0),
            300,
            JSON.stringify(counts),
          );
          assert.ok(
            (counts.invalid_credentials ?? 0) <= MAX,
            `at most ${MAX} passwords checked: ${JSON.stringify(counts)}`,
          );
          assert.ok((counts.invalid_credentials ?? 0) >= 1, JSON.stringify(counts));

          // Still locked within the window, even with the right password.
          await assert.rejects(
            logIn(
              { db: storage.db, clock, config },
              { email: user.email, password: user.password, actor: { ip: randomIp(), userAgent: null } },
            ),
            { code: 'rate_limited' },
          );
          // Another account is not affected.
          const otherLogin = await logIn(
            { db: storage.db, clock, config },
            { email: other.email, password: other.password, actor: { ip: randomIp(), userAgent: null } },
          );
          assert.equal(otherLogin.userId, other.id);
          // After the window the right password works, and clears the failures.
          clock.advance(16 * MINUTE);
          const ok = await logIn(
            { db: storage.db, clock, config },
            { email: user.email, password: user.password, actor: { ip: randomIp(), userAgent: null } },
          );
          assert.equal(ok.userId, user.id);
          const left = await storage.db
            .selectFrom('login_failures')
            .select('id')
            .where('key', '=', `email:${user.email}`)
            .execute();
          assert.equal(left.length, 0);
        } finally {
          await second?.close();
        }
      },
    );

    test(
      '300 parallel wrong logins from one address to many accounts: at most 10 are checked',
      { timeout: 240_000 },
      async () => {
        const storage = await backend.storage();
        const clock = new ManualClock(new Date());
        const ip = randomIp();
        const counts = await outcomes(
          Array.from(
            { length: 300 },
            (_, i) => () =>
              logIn(
                { db: storage.db, clock, config },
                {
                  email: `${unique('nobody')}${i}@example.org`,
                  password: 'wrong password',
                  actor: { ip, userAgent: null },
                },
              ),
          ),
        );
        assert.equal(
          (counts.invalid_credentials ?? 0) + (counts.rate_limited ?? 0),
          300,
          JSON.stringify(counts),
        );
        assert.ok(
          (counts.invalid_credentials ?? 0) <= MAX,
          `at most ${MAX} passwords checked: ${JSON.stringify(counts)}`,
        );
        // A successful login gives its reserved attempt back: it does not count against the address.
        const user = await buildUser(storage.db);
        const elsewhere = randomIp();
        for (let i = 0; i < MAX + 2; i++)
          await logIn(
            { db: storage.db, clock, config },
            { email: user.email, password: user.password, actor: { ip: elsewhere, userAgent: null } },
          );
        const counted = await storage.db
          .selectFrom('login_failures')
          .select('id')
          .where('key', '=', `ip:${elsewhere}`)
          .execute();
        assert.equal(counted.length, 0);
      },
    );
  });
}
