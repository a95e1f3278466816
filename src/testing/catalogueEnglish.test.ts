import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testBackends } from './databases.ts';
import { buildOrganisation } from './factories.ts';
import { catalogueEnglishIn, storedCatalogueEnglish, templatePattern } from './catalogueEnglish.ts';

// Cairn stores facts, not its own English: a stored text that is an English message of the
// catalogue reaches a Spanish reader in English, and the wording test, which takes every stored
// text out as data, cannot notice. The wording test (test/e2e/wording.browser.test.ts) checks the
// seeded demo it already has with storedCatalogueEnglish; here the check is shown to catch
// planted cases.

describe('catalogue English among stored texts', () => {
  test('a template matches what it can produce, whatever the values; a plural only its own arms', () => {
    const approved = templatePattern(
      'k',
      'Approved for {hours, plural, one {# credit hour} other {# credit hours}} until {until}.',
    );
    assert.ok(approved?.re.test('Approved for 1 credit hour until 2027-06-30.'));
    assert.ok(approved?.re.test('Approved for 0.5 credit hours until Jun 30, 2027.'));
    assert.ok(!approved?.re.test('Approved for license renewal credit until the board decides.'));
    assert.equal(templatePattern('k', 'Issued on {date}.'), null, 'too plain to tell from people’s words');
    assert.equal(templatePattern('k', 'Approved'), null);
    assert.ok(templatePattern('k', 'Untitled badge')?.re.test('Untitled badge'));
    assert.ok(
      templatePattern('k', "It’s {name}’s ''turn'' to review now")?.re.test(
        "It’s Ada’s 'turn' to review now",
      ),
    );
  });

  test('planted texts are caught, with the message they are; people’s words are not', () => {
    const found = catalogueEnglishIn([
      'Withdrawn by the issuer.',
      'Approved for 2 credit hours.',
      'Resubmitted as “Classroom Routines” (version 2): rsub_abc.',
      'Certificate of completion approved.',
      'Untitled badge',
      'Classroom Routines',
      'Approved for license renewal credit.',
      'Two trained reviewers score the evidence against a published rubric.',
    ]);
    assert.deepEqual(
      found.map((f) => [f.text, f.key]),
      [
        ['Withdrawn by the issuer.', 'recognition.submission.entry.withdrawn'],
        ['Approved for 2 credit hours.', 'recognition.submission.entry.approved'],
        [
          'Resubmitted as “Classroom Routines” (version 2): rsub_abc.',
          'recognition.submission.entry.resubmittedAs',
        ],
        ['Certificate of completion approved.', 'payments.application.approvedWithoutNote'],
        ['Untitled badge', 'backpack.imported.untitled'],
      ],
    );
  });
});

for (const backend of testBackends()) {
  describe(`catalogue English in a database (${backend.name})`, () => {
    test('a planted text is found, with the message it is and where it is stored', async () => {
      const { db } = await backend.storage();
      const organisation = await buildOrganisation(db, { kind: 'recognizer' });
      await db
        .updateTable('organisations')
        .set({ description: 'Withdrawn by the issuer.' })
        .where('id', '=', organisation.id)
        .execute();
      try {
        const found = await storedCatalogueEnglish(db, ['organisations']);
        assert.ok(
          found.some(
            (f) =>
              f.text === 'Withdrawn by the issuer.' &&
              f.key === 'recognition.submission.entry.withdrawn' &&
              f.column === 'organisations.description',
          ),
          JSON.stringify(found),
        );
      } finally {
        // The shared test database holds no catalogue English after this test.
        await db
          .updateTable('organisations')
          .set({ description: '' })
          .where('id', '=', organisation.id)
          .execute();
      }
    });
  });
}
