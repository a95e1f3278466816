import { issueAwardRun } from '../jobTypes.ts';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testBackends } from '../../../testing/databases.ts';
import { awardSetup, csvStream } from '../../../testing/awardFixtures.ts';
import { AppError } from '../../../domain/errors.ts';
import { createAwardRun, mapAwardRun, requestDryRun, startAwardRun } from './bulkAward.ts';
import { checkMapping, suggestMapping } from './awardRoster.ts';
import { awardProblems, awardProgress } from '../queries/awardRuns.ts';
import { processAwardRun } from './processAwardRun.ts';
import { Worker } from '../../../jobs/worker.ts';
import { checkAwardRunJobDefinition } from '../jobs/bulkAwardJobs.ts';
import { silentLogger } from '../../../logger.ts';
import { createMailer } from '../../../mail/mailer.ts';
import { verifyWithCairn } from '../../verification/commands/verifyCredential.ts';
import { awardCredential } from './awardCredential.ts';
import { documentHash } from '../../../signing/organisationSigner.ts';

const roster = [
  'Email,Full Name,Student ID,Hours,Date,Room',
  'ada@example.org,Ada Lovelace,S1,1.5,2026-02-10,A',
  'not-an-email,Bad Row,S2,1,2026-02-10,A',
  '"BO@example.org","Bo, the second",S3,2,2026-02-11,B',
  'ada@example.org,Ada again,S1,1.5,2026-02-10,A',
  'cy@example.org,Cy,S4,lots,2026-02-10,A,surprise',
  'di@example.org,Di,S5,,31/12/2026,A',
  'ada@example.org,Ada (other course id),S9,1,2026-02-10,A',
  '',
].join('\r\n');

const map = {
  email: 'Email',
  name: 'Full Name',
  externalId: 'Student ID',
  credits: 'Hours',
  issuedOn: 'Date',
};

for (const backend of testBackends()) {
  describe(`bulk award from CSV (${backend.name})`, () => {
    test('mapping: suggested from the header, checked against it', () => {
      const header = ['Email', 'Full Name', 'Student ID', 'Hours', 'Date', 'Room'];
      assert.deepEqual(suggestMapping(header), map);
      assert.deepEqual(checkMapping(header, map).unusedColumns, ['Room']);
      assert.throws(
        () => checkMapping(header, { name: 'Full Name' }),
        (e: unknown) => e instanceof AppError && /email/.test(e.fields.email ?? ''),
      );
      assert.throws(
        () => checkMapping(header, { email: 'E-mail' }),
        (e: unknown) => e instanceof AppError && /no column “E-mail”/.test(e.fields.email ?? ''),
      );
      assert.throws(
        () => checkMapping(header, { email: 'Email', colour: 'Room' }),
        (e: unknown) => e instanceof AppError && /not something a column can be mapped to/.test(e.message),
      );
    });

    test('upload, dry run report per row, issue: signed credentials, claims and emails, one per recipient', async () => {
      const storage = await backend.storage();
      const { deps, actor, mc, org, clock, config } = await awardSetup(storage);
      const run = await createAwardRun(deps, {
        actor: actor,
        organisationId: actor.organisationId,
        microCredential: mc.slug,
        fileName: 'roster.csv',
        source: csvStream(roster, 7),
      });
      assert.equal(run.total, 7);
      assert.deepEqual(run.header, ['Email', 'Full Name', 'Student ID', 'Hours', 'Date', 'Room']);

      const summary = await mapAwardRun(deps, {
        actor: actor,
        organisationId: actor.organisationId,
        run: run.publicId,
        mapping: map,
      });
      assert.deepEqual(summary, {
        total: 7,
        valid: 3,
        invalid: 3,
        duplicate: 1,
        alreadyIssued: 0,
        unusedColumns: ['Room'],
      });
      const problems = await awardProblems(storage.db, org.id, run.publicId);
      const byLine = new Map(problems.map((p) => [p.row_number, p]));
      assert.match(byLine.get(3)!.error!, /“not-an-email” is not an email address/);
      assert.equal(byLine.get(5)!.state, 'duplicate');
      assert.match(byLine.get(5)!.error!, /as row 2/);
      assert.match(byLine.get(6)!.error!, /unknown column/);
      assert.match(byLine.get(6)!.error!, /Credits “lots” is not a number/);
      assert.match(byLine.get(7)!.error!, /Issue date “31\/12\/2026” is not a date/);
      assert.equal(problems.length, 4);
      assert.equal((await awardProgress(storage.db, org.id, run.publicId)).state, 'dry_run');

      assert.deepEqual(
        await startAwardRun(deps, { actor, organisationId: actor.organisationId, run: run.publicId }),
        { queued: 3 },
      );
      assert.deepEqual(
        await startAwardRun(deps, { actor, organisationId: actor.organisationId, run: run.publicId }),
        { queued: 0 },
        'starting twice queues nothing more',
      );
      const runRow = await storage.db
        .selectFrom('award_runs')
        .select('id')
        .where('public_id', '=', run.publicId)
        .executeTakeFirstOrThrow();
      const jobs = await storage.db
        .selectFrom('jobs')
        .select('payload')
        .where('type', '=', issueAwardRun.type)
        .where('organisation_id', '=', org.id)
        .execute();
      assert.equal(jobs.length, 2);
      await storage.db
        .deleteFrom('jobs')
        .where('type', '=', issueAwardRun.type)
        .where('organisation_id', '=', org.id)
        .execute();
      // The organisation has a pathway: each recipient's pathways get re-evaluated, as after any issue.
      await storage.db
        .insertInto('pathways')
        .values({
          public_id: `pw_${run.publicId}`,
          organisation_id: org.id,
          slug: 'leader',
          name: 'Leader',
          requirement: JSON.stringify({ type: 'microCredential', id: mc.publicId }),
          created_at: new Date(),
          updated_at: new Date(),
        })
        .execute();
      await processAwardRun(deps, runRow.id, undefined, { batchSize: 2 });
      const evaluations = await storage.db
        .selectFrom('jobs')
        .select('payload')
        .where('type', '=', 'pathways.evaluate')
        .where('organisation_id', '=', org.id)
        .execute();
      // (one per recipient per batch: Ada's two credentials, S1 and S9, were issued in different batches of 2)
      assert.deepEqual(
        evaluations.map((e) => (e.payload as { recipientEmail: string }).recipientEmail).sort(),
        ['ada@example.org', 'ada@example.org', 'bo@example.org'],
      );

      const progress = await awardProgress(storage.db, org.id, run.publicId);
      assert.equal(progress.state, 'done');
      assert.equal(progress.issued, 3);
      assert.equal(progress.percent, 100);
      const creds = await storage.db
        .selectFrom('credentials')
        .selectAll()
        .where('organisation_id', '=', org.id)
        .orderBy('recipient_email')
        .execute();
      assert.deepEqual(
        creds.map((c) => c.recipient_email),
        ['ada@example.org', 'ada@example.org', 'bo@example.org'],
      );
      for (const c of creds) assert.equal(c.document_sha256, documentHash(c.document));
      const bo = creds.find((c) => c.recipient_email === 'bo@example.org')!;
      const doc = JSON.parse(bo.document) as {
        validFrom: string;
        credentialSubject: { creditsEarned?: number };
      };
      assert.equal(doc.validFrom, '2026-02-11T00:00:00Z');
      assert.equal(doc.credentialSubject.creditsEarned, 2);
      const report = await verifyWithCairn(bo.document, {
        db: storage.db,
        config,
        services: deps.credentials,
        now: clock.now(),
      });
      assert.deepEqual(
        report.checks.filter((c) => !c.ok).map((c) => c.code),
        [],
      );
      // Each credential is offered for claiming, its email queued with a delivery job.
      const claims = await storage.db
        .selectFrom('credential_claims')
        .select('credential_id')
        .where(
          'credential_id',
          'in',
          creds.map((c) => c.id),
        )
        .execute();
      assert.equal(claims.length, 3);
      const mails = await storage.db
        .selectFrom('mail_outbox')
        .select(['to_address', 'text_body', 'id'])
        .where('organisation_id', '=', org.id)
        .orderBy('to_address')
        .execute();
      assert.deepEqual(
        mails.map((m) => m.to_address),
        ['ada@example.org', 'ada@example.org', 'bo@example.org'],
      );
      assert.match(mails[2]!.text_body, /Hello Bo, the second,/);
      assert.match(mails[2]!.text_body, /\/claim\//);
      const deliveries = await storage.db
        .selectFrom('jobs')
        .select('id')
        .where('type', '=', 'mail.deliver')
        .where('organisation_id', '=', org.id)
        .execute();
      assert.equal(deliveries.length, 3);
      const rows = await storage.db
        .selectFrom('award_rows')
        .select(['row_number', 'state', 'credential_id'])
        .where('run_id', '=', runRow.id)
        .orderBy('row_number')
        .execute();
      assert.deepEqual(
        rows.map((r) => r.state),
        ['pending', 'invalid', 'pending', 'duplicate', 'invalid', 'invalid', 'pending'].map((s) =>
          s === 'pending' ? 'issued' : s,
        ),
      );
      const audit = await storage.db
        .selectFrom('audit_events')
        .select('action')
        .where('organisation_id', '=', org.id)
        .where('action', 'like', 'award_run.%')
        .orderBy('id')
        .execute();
      assert.deepEqual(
        audit.map((a) => a.action),
        ['award_run.uploaded', 'award_run.started', 'award_run.finished'],
      );

      // The same file again: every row that was issued is reported as already issued; nothing new.
      const again = await createAwardRun(deps, {
        actor: actor,
        organisationId: actor.organisationId,
        microCredential: mc.publicId,
        fileName: 'roster.csv',
        source: csvStream(roster),
      });
      const second = await mapAwardRun(deps, {
        actor: actor,
        organisationId: actor.organisationId,
        run: again.publicId,
        mapping: map,
      });
      assert.equal(second.alreadyIssued, 3);
      assert.equal(second.valid, 0);
      await assert.rejects(
        startAwardRun(deps, { actor, organisationId: actor.organisationId, run: again.publicId }),
        /No row can be issued/,
      );
      assert.equal(
        (
          await storage.db
            .selectFrom('credentials')
            .select('id')
            .where('organisation_id', '=', org.id)
            .execute()
        ).length,
        3,
      );
    });

    test('a person awarded one by one is already issued for a later roster of the same version', async () => {
      const storage = await backend.storage();
      const { deps, actor, mc } = await awardSetup(storage);
      await awardCredential(deps, {
        actor: actor,
        organisationId: actor.organisationId,
        email: 'Solo@Example.org',
        microCredential: mc.publicId,
      });
      const run = await createAwardRun(deps, {
        actor: actor,
        organisationId: actor.organisationId,
        microCredential: mc.publicId,
        fileName: 'later.csv',
        source: csvStream('Email\nsolo@example.org\nnew@example.org\n'),
      });
      const summary = await mapAwardRun(deps, {
        actor: actor,
        organisationId: actor.organisationId,
        run: run.publicId,
        mapping: { email: 'Email' },
      });
      assert.deepEqual([summary.valid, summary.alreadyIssued], [1, 1]);
    });

    test('idempotent in the database: two runs of the same rows issued at once yield one credential per recipient', async () => {
      const storage = await backend.storage();
      const { deps, actor, mc, org } = await awardSetup(storage);
      const lines = [
        'email,id',
        ...Array.from({ length: 60 }, (_, i) => `p${i}@example.org,${i % 3 === 0 ? '' : `X${i}`}`),
      ].join('\n');
      const runs = [];
      for (let k = 0; k < 2; k++) {
        const r = await createAwardRun(deps, {
          actor: actor,
          organisationId: actor.organisationId,
          microCredential: mc.publicId,
          fileName: `copy${k}.csv`,
          source: csvStream(lines, 1000),
        });
        await mapAwardRun(deps, {
          actor: actor,
          organisationId: actor.organisationId,
          run: r.publicId,
          mapping: { email: 'email', externalId: 'id' },
        });
        await startAwardRun(deps, { actor, organisationId: actor.organisationId, run: r.publicId });
        runs.push(
          await storage.db
            .selectFrom('award_runs')
            .select('id')
            .where('public_id', '=', r.publicId)
            .executeTakeFirstOrThrow(),
        );
      }
      // Both runs' rows are pending (neither dry run saw the other's credentials): issue them
      // concurrently, in small batches, twice over each.
      await Promise.all(
        runs.flatMap((r) => [
          processAwardRun(deps, r.id, undefined, { batchSize: 7, part: 0 }),
          processAwardRun(deps, r.id, undefined, { batchSize: 11, part: 1 }),
        ]),
      );
      const creds = await storage.db
        .selectFrom('credentials')
        .select('recipient_email')
        .where('organisation_id', '=', org.id)
        .execute();
      assert.equal(creds.length, 60);
      assert.equal(new Set(creds.map((c) => c.recipient_email)).size, 60);
      const states = await storage.db
        .selectFrom('award_rows')
        .select(['state', (eb) => eb.fn.countAll<string>().as('n')])
        .where(
          'run_id',
          'in',
          runs.map((r) => r.id),
        )
        .groupBy('state')
        .execute();
      assert.deepEqual(Object.fromEntries(states.map((s) => [s.state, Number(s.n)])), {
        issued: 60,
        skipped: 60,
      });
      for (const r of runs)
        assert.equal(
          (
            await storage.db
              .selectFrom('award_runs')
              .select('state')
              .where('id', '=', r.id)
              .executeTakeFirstOrThrow()
          ).state,
          'done',
        );
      // A direct second insert of a key is refused by the database itself.
      const key = await storage.db
        .selectFrom('award_keys')
        .selectAll()
        .where('organisation_id', '=', org.id)
        .limit(1)
        .executeTakeFirstOrThrow();
      await assert.rejects(
        storage.db
          .insertInto('award_keys')
          .values({ ...key, recipient_email: key.recipient_email })
          .execute(),
        (e: unknown) => (e as { code?: string }).code === '23505',
      );
    });

    test('a large file is checked by a job, not in the request; mapping errors still come back at once', async () => {
      const storage = await backend.storage();
      const { deps, actor, mc, org, config } = await awardSetup(storage);
      const run = await createAwardRun(deps, {
        actor: actor,
        organisationId: actor.organisationId,
        microCredential: mc.publicId,
        fileName: 'big.csv',
        source: csvStream(roster),
      });
      await assert.rejects(
        requestDryRun(deps, {
          actor,
          organisationId: actor.organisationId,
          run: run.publicId,
          mapping: { email: 'Mail' },
          inlineLimit: 2,
        }),
        /no column “Mail”/,
      );
      assert.equal(
        await requestDryRun(deps, {
          actor,
          organisationId: actor.organisationId,
          run: run.publicId,
          mapping: map,
          inlineLimit: 2,
        }),
        null,
      );
      assert.equal((await awardProgress(storage.db, org.id, run.publicId)).state, 'checking');
      await assert.rejects(
        requestDryRun(deps, {
          actor,
          organisationId: actor.organisationId,
          run: run.publicId,
          mapping: map,
          inlineLimit: 2,
        }),
        /still being checked/,
      );
      await assert.rejects(
        startAwardRun(deps, { actor, organisationId: actor.organisationId, run: run.publicId }),
        /Map the columns and check the dry run/,
      );
      const worker = new Worker({
        deps: {
          db: storage.db,
          clock: deps.clock,
          logger: silentLogger,
          mailer: createMailer(null),
          config,
          credentials: deps.credentials,
        },
        jobs: [checkAwardRunJobDefinition],
        concurrency: 1,
        pollMs: 50,
      });
      await worker.drain();
      const checked = await awardProgress(storage.db, org.id, run.publicId);
      assert.deepEqual(
        [checked.state, checked.valid, checked.invalid, checked.duplicate],
        ['dry_run', 3, 3, 1],
      );
    });

    test('a run that cannot issue fails with the reason, and resumes when its job is retried', async () => {
      const storage = await backend.storage();
      const { deps, actor, mc, org } = await awardSetup(storage);
      const run = await createAwardRun(deps, {
        actor: actor,
        organisationId: actor.organisationId,
        microCredential: mc.publicId,
        fileName: 'r.csv',
        source: csvStream('email\na@example.org\nb@example.org\n'),
      });
      await mapAwardRun(deps, {
        actor: actor,
        organisationId: actor.organisationId,
        run: run.publicId,
        mapping: { email: 'email' },
      });
      await startAwardRun(deps, { actor, organisationId: actor.organisationId, run: run.publicId });
      const { id } = await storage.db
        .selectFrom('award_runs')
        .select('id')
        .where('public_id', '=', run.publicId)
        .executeTakeFirstOrThrow();
      await storage.db
        .updateTable('organisations')
        .set({ kind: 'recognizer' })
        .where('id', '=', org.id)
        .execute();
      await processAwardRun(deps, id);
      const failed = await awardProgress(storage.db, org.id, run.publicId);
      assert.deepEqual(
        [failed.state, failed.error, failed.issued],
        ['failed', 'Only issuer organisations issue credentials.', 0],
      );
      await storage.db
        .updateTable('organisations')
        .set({ kind: 'issuer' })
        .where('id', '=', org.id)
        .execute();
      await processAwardRun(deps, id);
      const done = await awardProgress(storage.db, org.id, run.publicId);
      assert.deepEqual([done.state, done.error, done.issued], ['done', null, 2]);
    });

    test('bad files leave no run behind and say what is wrong', async () => {
      const storage = await backend.storage();
      const { deps, actor, mc, org } = await awardSetup(storage);
      const attempt = (text: string) =>
        createAwardRun(deps, {
          actor: actor,
          organisationId: actor.organisationId,
          microCredential: mc.publicId,
          fileName: 'bad.csv',
          source: csvStream(text),
        });
      await assert.rejects(attempt(''), /The file is empty/);
      await assert.rejects(attempt('email\n'), /no rows/);
      await assert.rejects(attempt('email,email\na@x.org,b@x.org\n'), /names the column “email” twice/);
      await assert.rejects(attempt('email,name\na@x.org,"open\n'), /could not be read as CSV.*never closed/);
      await assert.rejects(
        createAwardRun(deps, {
          actor: actor,
          organisationId: actor.organisationId,
          microCredential: 'no-such-thing',
          fileName: 'x.csv',
          source: csvStream('email\na@x.org\n'),
        }),
        /not published by this organisation/,
      );
      const left = await storage.db
        .selectFrom('award_runs')
        .select('id')
        .where('organisation_id', '=', org.id)
        .execute();
      assert.equal(left.length, 0);
    });
  });
}
