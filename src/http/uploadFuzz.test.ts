import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { testBackends } from '../testing/databases.ts';
import { TestBrowser, testApp } from '../testing/http.ts';
import { awardSetup } from '../testing/awardFixtures.ts';
import { createApiToken } from '../features/accounts/commands/createApiToken.ts';
import { createMicroCredential } from '../features/catalog/commands/createMicroCredential.ts';
import { defaultBadgeSvg } from '../credentials/badgeImage.ts';
import { bakePng } from '../credentials/baking/index.ts';
import { Resvg } from '@resvg/resvg-js';
import { createSession } from '../storage/sessions.ts';

/*
 * Fuzzing what people upload besides credentials (seeded: CAIRN_FUZZ_SEED to replay): CSV rosters
 * through the bulk-award API (random bytes, mutated rosters, hostile quoting, then a column
 * mapping) and badge images through the designer's upload (random bytes, truncated and mutated
 * PNGs and SVGs). Never a 5xx, never an unhandled rejection, bounded heap growth; a refusal is a
 * 4xx with a message a person can read.
 */
const SEED = Number(process.env.CAIRN_FUZZ_SEED ?? 20261205);

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
before(() => process.on('unhandledRejection', onUnhandled));
after(() => process.off('unhandledRejection', onUnhandled));

v8.setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const heapUsed = () => {
  gc();
  return process.memoryUsage().heapUsed;
};

const ROSTER =
  'Email,Name,Student ID,Hours,Date\nada@example.org,Ada Lovelace,S1,1.5,2026-02-10\n"grace@example.org","Hopper, Grace",S2,2,2026-02-11\n';

/** A roster with one kind of damage: a byte flipped, a stray quote, a cut, a huge cell, odd separators. */
const damagedRoster = fc.oneof(
  fc.tuple(fc.nat(ROSTER.length - 1), fc.integer({ min: 0, max: 255 })).map(([at, byte]) => {
    const bytes = Buffer.from(ROSTER);
    bytes[at] = byte;
    return bytes;
  }),
  fc.nat(ROSTER.length).map((at) => Buffer.from(ROSTER.slice(0, at) + '"' + ROSTER.slice(at))),
  fc.nat(ROSTER.length).map((at) => Buffer.from(ROSTER.slice(0, at))),
  fc.constantFrom(';', '\t', '|', '\r', '\u0000').map((sep) => Buffer.from(ROSTER.replaceAll(',', sep))),
  fc
    .integer({ min: 1, max: 300_000 })
    .map((n) => Buffer.from(`Email,Name\n"${'x'.repeat(n)}@example.org",A\n`)),
  fc.uint8Array({ maxLength: 4096 }).map((b) => Buffer.from(b)),
  fc.string({ maxLength: 2000 }).map((s) => Buffer.from(s)),
);

const mapping = fc.record(
  {
    email: fc.oneof(fc.constantFrom('Email', 'Name', 'Nope', ''), fc.string({ maxLength: 40 })),
    name: fc.constantFrom('Name', 'Email', 'Hours'),
    externalId: fc.constantFrom('Student ID', 'Date'),
    credits: fc.constantFrom('Hours', 'Name'),
    issuedOn: fc.constantFrom('Date', 'Hours', 'Name'),
  },
  { requiredKeys: ['email'] },
);

for (const backend of testBackends()) {
  describe(`upload fuzz (${backend.name})`, () => {
    test(
      'CSV rosters: random and damaged files, then random column mappings',
      { timeout: 240_000 },
      async () => {
        const storage = await backend.storage();
        const s = await awardSetup(storage);
        const { app } = testApp(storage, { clock: s.clock, config: s.config });
        const { token } = await createApiToken(s.deps, {
          name: 'fuzz',
          scopes: ['awards:run'],
          actor: { organisationId: s.org.id, userId: null, ip: null },
        });
        const headers = { authorization: `Bearer ${token}`, accept: 'application/json' };
        const statuses = new Map<number, number>();
        const before = heapUsed();
        await fc.assert(
          fc.asyncProperty(
            damagedRoster,
            fc.constantFrom('text/csv', 'text/plain', 'application/octet-stream'),
            mapping,
            async (file, type, map) => {
              const res = await app.request(
                `/api/v1/orgs/${s.org.slug}/award-runs?microCredential=${s.mc.publicId}&fileName=roster.csv`,
                { method: 'POST', headers: { ...headers, 'content-type': type }, body: file },
              );
              statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
              assert.ok(res.status < 500, `upload answered ${res.status}: ${await res.clone().text()}`);
              const body = (await res.json()) as { run?: string; error?: { message?: string } };
              if (res.status >= 400) {
                assert.ok(body.error?.message, 'a refusal says why');
                return;
              }
              const mapped = await app.request(`/api/v1/orgs/${s.org.slug}/award-runs/${body.run}/mapping`, {
                method: 'POST',
                headers: { ...headers, 'content-type': 'application/json' },
                body: JSON.stringify(map),
              });
              assert.ok(mapped.status < 500, `mapping answered ${mapped.status}: ${await mapped.text()}`);
            },
          ),
          { seed: SEED, numRuns: 250 },
        );
        assert.ok(
          (statuses.get(201) ?? 0) > 0 && [...statuses.keys()].some((st) => st >= 400),
          `both accepted and refused files were seen: ${JSON.stringify([...statuses])}`,
        );
        assert.ok(heapUsed() - before < 96 * 1024 * 1024, 'heap growth stays bounded');
        assert.deepEqual(unhandled, []);
      },
    );

    test(
      'badge images: random bytes, damaged PNGs and SVGs through the designer’s upload',
      { timeout: 240_000 },
      async () => {
        const storage = await backend.storage();
        const s = await awardSetup(storage);
        const { app } = testApp(storage, { clock: s.clock, config: s.config });
        const members = await storage.db
          .selectFrom('memberships')
          .select(['user_id as id', 'roles'])
          .where('organisation_id', '=', s.org.id)
          .execute();
        const designer = members.find((m) => m.roles.includes('designer'));
        if (!designer) throw new Error('awardSetup makes a designer');
        const draft = await createMicroCredential(s.deps, {
          actor: { userId: designer.id, ip: null },
          orgSlug: s.org.slug,
          title: 'Image fuzz',
        });
        const browser = new TestBrowser(app);
        // A designer's session, made as the authorization matrix makes them.
        const session = await createSession(storage.db, {
          userId: designer.id,
          ip: null,
          userAgent: 'fuzz',
          now: s.clock.now(),
          ttlMs: 3_600_000,
          activeOrganisationId: s.org.id,
        });
        browser.cookies.set('cairn_session', session);
        const csrf = await browser.csrf();
        const svg = defaultBadgeSvg('Fuzz', 'Cairn');
        const png = Buffer.from(new Resvg(svg).render().asPng());
        const baked = Buffer.from(bakePng(png, '{"a":1}'));
        const damaged = (base: Buffer) =>
          fc.oneof(
            fc.nat(base.length).map((at) => base.subarray(0, at)),
            fc.tuple(fc.nat(base.length - 1), fc.integer({ min: 0, max: 255 })).map(([at, byte]) => {
              const copy = Buffer.from(base);
              copy[at] = byte;
              return copy;
            }),
          );
        const files = fc.oneof(
          damaged(png),
          damaged(baked),
          damaged(Buffer.from(svg)),
          fc.uint8Array({ maxLength: 8192 }).map((b) => Buffer.from(b)),
          fc
            .string({ maxLength: 3000 })
            .map((t) => Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg">${t}</svg>`)),
        );
        const statuses = new Map<number, number>();
        const before = heapUsed();
        await fc.assert(
          fc.asyncProperty(
            files,
            fc.constantFrom('badge.png', 'badge.svg', 'badge.bin'),
            async (bytes, name) => {
              const form = new FormData();
              form.append('_csrf', csrf);
              form.append('image', new File([new Uint8Array(bytes)], name));
              const res = await browser.request(
                'POST',
                `/orgs/${s.org.slug}/micro-credentials/${draft.publicId}/image`,
                { body: form },
              );
              statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
              assert.ok(res.status < 500, `image upload answered ${res.status}`);
            },
          ),
          { seed: SEED, numRuns: 200 },
        );
        // Both kinds were seen: images kept (intact or still-readable ones) and images refused.
        const kept = await storage.db
          .selectFrom('badge_images')
          .select(({ fn }) => fn.countAll<number>().as('n'))
          .where('organisation_id', '=', s.org.id)
          .where('origin', '=', 'uploaded')
          .executeTakeFirstOrThrow();
        assert.ok(
          Number(kept.n) > 0 && Number(kept.n) < 200,
          `some uploads were kept and some refused (kept ${kept.n} of 200; statuses ${JSON.stringify([...statuses])})`,
        );
        assert.ok(heapUsed() - before < 96 * 1024 * 1024, 'heap growth stays bounded');
        assert.deepEqual(unhandled, []);
      },
    );
  });
}
