import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testBackends } from '../../../testing/databases.ts';
import { testApp, testCredentialServices, testConfig } from '../../../testing/http.ts';
import { addMember, buildOrganisation, buildUser } from '../../../testing/factories.ts';
import { decodeList, getBit } from '../../../credentials/bitstringStatusList.ts';
import { embeddedChanges, inTransaction, type Db } from '../../../storage/database.ts';
import type { Clock } from '../../../domain/clock.ts';
import { issueCredential } from '../commands/issueCredential.ts';
import { changeCredentialStatus } from '../commands/changeCredentialStatus.ts';
import { currentStatusList } from '../commands/statusListPublishing.ts';
import { issuingPaths } from '../paths.ts';
import { publishQueuedStatusLists } from '../../../testing/statusLists.ts';

// GET /status/:id only reads: a list is signed when it is created or changed (the typed job
// status_list.publish, queued in the transaction of the change), and the GET serves what is stored.

/** Everything a GET could have written: rows of the tables it touches, and (embedded) the write count. */
async function footprint(db: Db) {
  // Query-builder SELECTs: the embedded change count moves for anything else (raw SQL included).
  const count = (table: 'jobs' | 'audit_events') =>
    db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
  const signed = await db
    .selectFrom('status_lists')
    .select((eb) => eb.fn.sum<string>('signed_version').as('n'))
    .executeTakeFirstOrThrow();
  const [jobs, audit] = [await count('jobs'), await count('audit_events')];
  return {
    jobs: String(jobs.n),
    audit: String(audit.n),
    signed: String(signed.n),
    changes: embeddedChanges(db),
  };
}

const runPublishJobs = (db: Db, clock: Clock) => publishQueuedStatusLists(db, clock);

type ListDocument = { credentialSubject: { encodedList: string }; proof?: unknown };

for (const backend of testBackends()) {
  describe(`serving status lists (${backend.name})`, () => {
    test('GET writes nothing; a revocation is in the list served once its publishing job ran', async () => {
      const storage = await backend.storage();
      const { app, clock } = testApp(storage);
      const deps = { db: storage.db, clock, config: testConfig(), credentials: testCredentialServices() };
      const org = await buildOrganisation(storage.db, { kind: 'issuer', name: 'Status Council' });
      const staff = await buildUser(storage.db);
      await addMember(storage.db, org.id, staff.id, ['issuing_staff']);
      const issued = await issueCredential(deps, {
        actor: { userId: staff.id, ip: null },
        organisationId: org.id,
        recipient: { email: 'listed@example.org' },
        achievement: {
          id: 'https://cairn.test/a/status',
          name: 'Listed',
          description: 'On a list.',
          criteria: { narrative: 'Listed.' },
        },
      });
      const status = issued.credential.credentialStatus as {
        statusListCredential: string;
        statusListIndex: string;
      };
      const path = new URL(status.statusListCredential).pathname;
      const index = Number(status.statusListIndex);
      const served = async () => {
        const res = await app.request(path);
        assert.equal(res.status, 200);
        const doc = (await res.json()) as ListDocument;
        assert.ok(doc.proof, 'the list is signed');
        return {
          revoked: getBit(decodeList(doc.credentialSubject.encodedList), index),
          etag: res.headers.get('etag'),
        };
      };

      const before = await footprint(storage.db);
      const first = await served();
      assert.equal(first.revoked, false);
      assert.equal((await app.request(path, { headers: { 'if-none-match': first.etag! } })).status, 304);
      assert.deepEqual(await footprint(storage.db), before, 'GET /status/:id wrote nothing');

      await changeCredentialStatus(deps, {
        actor: { userId: staff.id, ip: null },
        organisationId: org.id,
        credential: issued.publicId,
        action: 'revoke',
        reason: 'Issued in error',
      });
      const queued = await storage.db
        .selectFrom('jobs')
        .select('status')
        .where('type', '=', 'status_list.publish')
        .where('idempotency_key', '=', `status:${path.split('/').pop()!}:1`)
        .execute();
      assert.equal(queued.length, 1, 'the change queued the signing of its list');
      await runPublishJobs(storage.db, clock);
      const afterChange = await footprint(storage.db);
      const revoked = await served();
      assert.equal(revoked.revoked, true, 'the revocation is in the served list');
      assert.notEqual(revoked.etag, first.etag);
      assert.deepEqual(await footprint(storage.db), afterChange, 'still nothing written by GET');
    });

    test('a list whose first signing is still queued answers 409 with Retry-After, and is served once signed', async () => {
      const storage = await backend.storage();
      const { app, clock } = testApp(storage);
      const org = await buildOrganisation(storage.db, { kind: 'issuer', name: 'Fresh List Council' });
      const list = await inTransaction(storage.db, (tx) =>
        currentStatusList(tx, org.id, 'revocation', clock.now()),
      );
      const before = await footprint(storage.db);
      const waiting = await app.request(issuingPaths.statusList(list.public_id));
      assert.equal(waiting.status, 409);
      assert.ok(Number(waiting.headers.get('retry-after')) > 0);
      assert.deepEqual(await footprint(storage.db), before, 'asking did not publish it');
      await runPublishJobs(storage.db, clock);
      assert.equal((await app.request(issuingPaths.statusList(list.public_id))).status, 200);
      assert.equal((await app.request(issuingPaths.statusList('sl_missing'))).status, 404);
    });
  });
}
