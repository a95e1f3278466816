import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testBackends, unique } from '../../testing/databases.ts';
import { loggedIn, testApp, testCredentialServices } from '../../testing/http.ts';
import { addMember, buildOrganisation, buildUser, lastMailTo } from '../../testing/factories.ts';
import { publishedMicroCredential } from '../../testing/catalogFixtures.ts';
import { renderIn } from '../../web/i18n/catalogueCheck.tsx';
import { translator } from '../../web/i18n/i18n.ts';
import { createProgram } from './commands/createProgram.ts';
import { submitProgram } from './commands/submitProgram.ts';
import { approveProgramSubmission } from './commands/approveProgramSubmission.ts';
import { requestSubmissionChanges } from './commands/requestSubmissionChanges.ts';
import { withdrawProgramSubmission } from './commands/withdrawProgramSubmission.ts';
import { endorseProgramSubmission } from './commands/endorseProgramSubmission.ts';
import { loadSubmissionPage } from './pages/submissionLoader.ts';
import { SubmissionView } from './pages/submissionView.tsx';
import { entryWords, type EntryFacts } from './threadEntries.ts';

// Cairn's own thread entries (an approval without a note, a withdrawal, a resubmission, an
// endorsement) are kept as facts and worded when shown: a Spanish reader reads Spanish, the JSON
// API English from the catalogue; a person's note is kept as written; older entries keep their text.

const en = translator('en');
const es = translator('es');
const cairn = (facts: EntryFacts) => ({ body: '', facts });

describe('thread entries Cairn writes are worded when shown', () => {
  test('each kind in English and in Spanish', () => {
    const approved = cairn({ kind: 'approved', hours: 0.5, endsOn: null });
    assert.equal(entryWords(en, approved), 'Approved for 0.5 credit hours.');
    assert.equal(entryWords(es, approved), 'Aprobada por 0,5 horas de crédito.');
    const one = cairn({ kind: 'approved', hours: 1, endsOn: '2027-06-30' });
    assert.match(entryWords(en, one), /^Approved for 1 credit hour until .*2027\.$/);
    assert.match(entryWords(es, one), /^Aprobada por 1 hora de crédito hasta el .*2027\.$/);
    assert.equal(entryWords(en, cairn({ kind: 'withdrawn' })), 'Withdrawn by the issuer.');
    assert.equal(entryWords(es, cairn({ kind: 'withdrawn' })), 'Retirada por el emisor.');
    const resubmitted = cairn({
      kind: 'resubmittedAs',
      submission: 'rsub_2',
      subject: 'Routines',
      version: 2,
    });
    assert.equal(entryWords(en, resubmitted), 'Resubmitted as “Routines” (version 2): rsub_2.');
    assert.equal(entryWords(es, resubmitted), 'Presentada de nuevo como «Routines» (versión 2): rsub_2.');
    const stack = cairn({ kind: 'resubmittedAs', submission: 'rsub_3', subject: 'Stack', version: null });
    assert.equal(entryWords(es, stack), 'Presentada de nuevo como «Stack»: rsub_3.');
    assert.equal(
      entryWords(es, cairn({ kind: 'endorsed', endorsement: 'end_1' })),
      'Se emitió un respaldo de Open Badges (end_1).',
    );
  });

  test('a person’s note is shown as written; older entries and unreadable facts show their stored text', () => {
    const note = { body: 'Aprobado. ¡Buen trabajo!', facts: null };
    assert.equal(entryWords(en, note), 'Aprobado. ¡Buen trabajo!');
    const old = { body: 'Withdrawn by the issuer.', facts: null };
    assert.equal(entryWords(es, old), 'Withdrawn by the issuer.');
    assert.equal(
      entryWords(es, { body: 'Approved for 2 credit hours.', facts: { kind: 'approved' } }),
      'Approved for 2 credit hours.',
    );
  });
});

const program = {
  name: `Educator license renewal ${unique('')}`,
  licenseName: 'Educator license',
  cycleYears: '5',
  hoursRequired: '150',
  unitRule: 'fixed',
  fixedHours: '0.5',
  posting: 'automatic',
};

for (const backend of testBackends()) {
  describe(`thread entries as facts (${backend.name})`, () => {
    async function setup() {
      const storage = await backend.storage();
      const { app, clock, config } = testApp(storage);
      const deps = { db: storage.db, clock, config, credentials: testCredentialServices() };
      const board = await buildOrganisation(storage.db, { kind: 'recognizer' });
      const issuer = await buildOrganisation(storage.db, { kind: 'issuer' });
      const officer = await buildUser(storage.db, { name: 'Olive Officer' });
      // The issuer's submitter reads Spanish: pages (their saved language) and mails are Spanish.
      const designer = await buildUser(storage.db, { name: 'Diana Diseñadora' });
      await storage.db.updateTable('users').set({ locale: 'es' }).where('id', '=', designer.id).execute();
      await addMember(storage.db, board.id, officer.id, ['recognition_officer']);
      await addMember(storage.db, issuer.id, designer.id, ['designer', 'issuing_staff']);
      const as = (u: { id: number }) => ({ userId: u.id, ip: null });
      const { publicId: programId } = await createProgram(deps, {
        actor: as(officer),
        orgSlug: board.slug,
        ...program,
      });
      const submit = async (extra: Record<string, unknown> = {}) => {
        const mc = await publishedMicroCredential(deps, as(designer), issuer.slug, `Routines ${unique('')}`);
        return submitProgram(deps, {
          actor: as(designer),
          orgSlug: issuer.slug,
          program: programId,
          microCredential: mc.publicId,
          statement: 'Two trained reviewers score the evidence.',
          ...extra,
        });
      };
      /** The submission's thread as each side's page shows it, in a language. */
      const page = async (locale: 'en' | 'es', id: string, side: 'issuer' | 'recognizer' = 'issuer') => {
        const data = await loadSubmissionPage(deps, {
          actor: as(side === 'issuer' ? designer : officer),
          orgSlug: side === 'issuer' ? issuer.slug : board.slug,
          submission: id,
        });
        return renderIn(locale, <SubmissionView {...data} failed={{}} csrfToken="t" />);
      };
      const stored = async (id: string) =>
        storage.db
          .selectFrom('submission_messages as t')
          .innerJoin('program_submissions as s', 's.id', 't.submission_id')
          .select(['t.kind', 't.body', 't.facts'])
          .where('s.public_id', '=', id)
          .orderBy('t.id')
          .execute();
      return { storage, app, deps, board, issuer, officer, designer, as, programId, submit, page, stored };
    }

    test('an approval without a note: facts stored, Spanish on the Spanish page, no English quoted in the mail, English and facts in the API', async () => {
      const { app, deps, board, issuer, officer, designer, as, submit, page, stored, storage } =
        await setup();
      const { publicId } = await submit();
      await approveProgramSubmission(deps, {
        actor: as(officer),
        orgSlug: board.slug,
        submission: publicId,
        hours: '0.5',
      });
      const entry = (await stored(publicId)).find((t) => t.kind === 'approved')!;
      assert.equal(entry.body, '');
      assert.deepEqual(entry.facts, { kind: 'approved', hours: 0.5, endsOn: null });
      assert.ok((await page('es', publicId)).includes('Aprobada por 0,5 horas de crédito.'));
      assert.ok((await page('en', publicId, 'recognizer')).includes('Approved for 0.5 credit hours.'));
      // The mail to the Spanish submitter quotes nobody: the officer wrote nothing.
      const { mail } = await lastMailTo(storage.db, designer.email);
      assert.ok(mail && !mail.text_body.includes('Approved for'), mail?.text_body);
      const api = (
        await (
          await loggedIn(app, designer)
        ).getJson(`/api/v1/orgs/${issuer.slug}/recognition/submissions/${publicId}`)
      ).body as { thread: Array<{ kind: string; body: string; facts: unknown }> };
      const approved = api.thread.find((t) => t.kind === 'approved')!;
      assert.equal(approved.body, 'Approved for 0.5 credit hours.');
      assert.deepEqual(approved.facts, { kind: 'approved', hours: 0.5, endsOn: null });
      const statement = api.thread.find((t) => t.kind === 'submitted')!;
      assert.deepEqual(
        [statement.body, statement.facts],
        ['Two trained reviewers score the evidence.', null],
      );
    });

    test('the officer’s own note is kept verbatim, with no facts, in every language', async () => {
      const { deps, board, officer, as, submit, page, stored } = await setup();
      const { publicId } = await submit();
      const note = 'Approved for license renewal credit — see the rubric notes.';
      await approveProgramSubmission(deps, {
        actor: as(officer),
        orgSlug: board.slug,
        submission: publicId,
        hours: '0.5',
        body: note,
      });
      const entry = (await stored(publicId)).find((t) => t.kind === 'approved')!;
      assert.deepEqual([entry.body, entry.facts], [note, null]);
      assert.ok((await page('es', publicId)).includes(note));
    });

    test('withdrawal, resubmission and endorsement are facts; older English entries show as they are', async () => {
      const { deps, board, issuer, officer, designer, as, submit, page, stored, storage } = await setup();
      const withdrawn = await submit();
      await withdrawProgramSubmission(deps, {
        actor: as(designer),
        orgSlug: issuer.slug,
        submission: withdrawn.publicId,
      });
      const w = (await stored(withdrawn.publicId)).find((t) => t.kind === 'withdrawn')!;
      assert.deepEqual([w.body, w.facts], ['', { kind: 'withdrawn' }]);
      assert.ok((await page('es', withdrawn.publicId)).includes('Retirada por el emisor.'));
      assert.ok((await page('en', withdrawn.publicId)).includes('Withdrawn by the issuer.'));

      const first = await submit();
      await requestSubmissionChanges(deps, {
        actor: as(officer),
        orgSlug: board.slug,
        submission: first.publicId,
        body: 'Add the reflection prompt.',
      });
      const mc = await storage.db
        .selectFrom('program_submissions as s')
        .innerJoin('micro_credentials as m', 'm.id', 's.micro_credential_id')
        .innerJoin('micro_credential_versions as v', (j) =>
          j.onRef('v.micro_credential_id', '=', 'm.id').onRef('v.version', '=', 's.micro_credential_version'),
        )
        .select(['m.public_id', 'v.title'])
        .where('s.public_id', '=', first.publicId)
        .executeTakeFirstOrThrow();
      const second = await submitProgram(deps, {
        actor: as(designer),
        orgSlug: issuer.slug,
        program: (
          await storage.db
            .selectFrom('program_submissions as s')
            .innerJoin('recognition_programs as p', 'p.id', 's.program_id')
            .select('p.public_id')
            .where('s.public_id', '=', first.publicId)
            .executeTakeFirstOrThrow()
        ).public_id,
        microCredential: mc.public_id,
        statement: 'Reflection prompt added.',
        previousSubmission: first.publicId,
      });
      const r = (await stored(first.publicId)).find((t) => t.kind === 'resubmitted')!;
      assert.deepEqual(r.facts, {
        kind: 'resubmittedAs',
        submission: second.publicId,
        subject: mc.title,
        version: 1,
      });
      assert.equal(r.body, '');
      assert.ok(
        (await page('es', first.publicId)).includes(
          `Presentada de nuevo como «${mc.title}» (versión 1): ${second.publicId}.`,
        ),
      );

      await approveProgramSubmission(deps, {
        actor: as(officer),
        orgSlug: board.slug,
        submission: second.publicId,
        hours: '0.5',
      });
      const { publicId: endorsement } = await endorseProgramSubmission(deps, {
        actor: as(officer),
        orgSlug: board.slug,
        submission: second.publicId,
      });
      const e = (await stored(second.publicId)).find((t) => t.kind === 'endorsed')!;
      assert.deepEqual([e.body, e.facts], ['', { kind: 'endorsed', endorsement }]);
      assert.ok(
        (await page('es', second.publicId)).includes(
          `Se emitió un respaldo de Open Badges (${endorsement}).`,
        ),
      );

      // An entry written before facts were kept: its English is shown as it is, to every reader.
      const id = (
        await storage.db
          .selectFrom('program_submissions')
          .select('id')
          .where('public_id', '=', withdrawn.publicId)
          .executeTakeFirstOrThrow()
      ).id;
      await storage.db
        .updateTable('submission_messages')
        .set({ body: 'Withdrawn by the issuer.', facts: null })
        .where('submission_id', '=', id)
        .where('kind', '=', 'withdrawn')
        .execute();
      const older = await page('es', withdrawn.publicId);
      assert.ok(older.includes('Withdrawn by the issuer.') && !older.includes('Retirada por el emisor.'));
    });
  });
}
