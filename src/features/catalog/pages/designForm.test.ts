import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testBackends, unique } from '../../../testing/databases.ts';
import { loggedIn, testApp } from '../../../testing/http.ts';
import { addMember, buildOrganisation, buildUser } from '../../../testing/factories.ts';
import { achievementTypeLabel, designFromForm, rowsToShow, BLANK_ROWS } from './designForm.ts';

// The design form asks only what the chosen earning mode needs, in words, and does not grow.

describe('the design form, read', () => {
  test('a certificate of completion is never asked for a rubric or evidence parts', () => {
    const fields = {
      title: 'CPR refresher',
      earningMode: 'proof_of_completion',
      levels: 'Beginning, Developing, Proficient',
      ev_prompt_0: '',
      ev_kind_0: 'text',
      cr_name_0: '',
      cr_pass_0: '2',
    };
    const design = designFromForm(fields);
    assert.equal(design.rubric, undefined);
    assert.deepEqual(design.evidenceParts, []);
    const reviewed = designFromForm({
      ...fields,
      earningMode: 'reviewed_evidence',
      cr_name_0: 'Plan',
      cr_desc_0_2: 'Clear',
      ev_prompt_0: 'Reflect',
      ev_kind_0: 'text',
    });
    assert.ok(reviewed.rubric, 'peer-reviewed evidence keeps its rubric');
    assert.equal((reviewed.evidenceParts as unknown[]).length, 1);
  });

  test('achievement types read as words', () => {
    assert.equal(achievementTypeLabel('CertificateOfCompletion'), 'Certificate of completion');
    assert.equal(achievementTypeLabel('MicroCredential'), 'Micro-credential');
    assert.equal(achievementTypeLabel('Badge'), 'Badge');
    assert.equal(achievementTypeLabel('ext:SkillsPassport'), 'Skills passport');
  });

  test('rows shown are the rows in use plus the blank ones, however often the form comes back', () => {
    assert.equal(rowsToShow({}, 'ev_prompt_'), BLANK_ROWS);
    const once = { ev_prompt_0: 'Reflect', ev_prompt_1: '', ev_prompt_2: '' };
    assert.equal(rowsToShow(once, 'ev_prompt_'), 1 + BLANK_ROWS);
    const again = { ...once, ev_prompt_3: '', ev_prompt_4: '' };
    assert.equal(rowsToShow(again, 'ev_prompt_'), 1 + BLANK_ROWS, 'blank rows sent back do not add more');
  });
});

for (const backend of testBackends()) {
  describe(`the design form page (${backend.name})`, () => {
    test('shows the sections of the chosen mode, labels in words, and the same rows after an error', async () => {
      const storage = await backend.storage();
      const { app } = testApp(storage);
      const org = await buildOrganisation(storage.db, { kind: 'issuer' });
      const designer = await buildUser(storage.db);
      await addMember(storage.db, org.id, designer.id, ['designer']);
      const d = await loggedIn(app, designer);
      const created = (
        (await d.postJson(`/api/v1/orgs/${org.slug}/micro-credentials`, { title: `CPR ${unique('')}` }))
          .body as { publicId: string }
      ).publicId;
      const edit = `/orgs/${org.slug}/micro-credentials/${created}/edit`;

      // A certificate of completion with the default levels left in: saved, no rubric demanded.
      const saved = await d.post(edit, {
        title: `CPR ${unique('')}`,
        earningMode: 'proof_of_completion',
        achievementType: 'CertificateOfCompletion',
        levels: 'Beginning, Developing, Proficient',
        applicationFee: '0',
        applicationFeeCurrency: 'USD',
        ev_prompt_0: '',
        ev_kind_0: 'text',
        ev_prompt_1: '',
        ev_kind_1: 'text',
        cr_name_0: '',
        cr_pass_0: '2',
        cr_name_1: '',
        cr_pass_1: '2',
      });
      assert.equal(saved.status, 303, 'saved without a rubric');
      const page = await (await d.get(edit)).text();
      assert.match(
        page,
        /<option value="CertificateOfCompletion" selected="">Certificate of completion<\/option>/,
      );
      assert.doesNotMatch(page, />CertificateOfCompletion</);
      assert.match(
        page,
        /<fieldset data-earning-modes="reviewed_evidence" hidden="">\s*<legend>Evidence requirements<\/legend>/,
      );
      assert.match(
        page,
        /<fieldset data-earning-modes="reviewed_evidence" hidden="">\s*<legend>Rubric<\/legend>/,
      );
      assert.match(
        page,
        /<div data-earning-modes="proof_of_completion">/,
        'its pre-approved programs are shown',
      );
      assert.match(page, /<script src="\/assets\/design-form\.[0-9a-f]{10}\.js" defer/);

      // Peer-reviewed evidence: its sections are shown, and an error does not add empty rows.
      const fields = {
        title: '',
        earningMode: 'reviewed_evidence',
        levels: 'Beginning, Proficient',
        ev_prompt_0: 'Reflect',
        ev_kind_0: 'text',
        ev_prompt_1: '',
        ev_kind_1: 'text',
        ev_prompt_2: '',
        ev_kind_2: 'text',
        cr_name_0: '',
        cr_pass_0: '1',
        cr_name_1: '',
        cr_pass_1: '1',
      };
      const first = await d.post(edit, fields);
      assert.equal(first.status, 422);
      const firstPage = await first.text();
      const partRows = (html: string) => html.match(/<label for="f-ev_prompt_\d+">/g)?.length ?? 0;
      assert.equal(partRows(firstPage), 1 + 2);
      assert.match(
        firstPage,
        /<fieldset data-earning-modes="reviewed_evidence">\s*<legend>Evidence requirements<\/legend>/,
      );
      assert.match(firstPage, /<option value="file">File upload<\/option>/);
      const second = await d.post(edit, {
        ...fields,
        ev_prompt_3: '',
        ev_kind_3: 'text',
        ev_prompt_4: '',
        ev_kind_4: 'text',
      });
      assert.equal(partRows(await second.text()), 1 + 2, 'the same rows again');
    });
  });
}
