import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testBackends, unique } from '../../../testing/databases.ts';
import { loggedIn, testApp } from '../../../testing/http.ts';
import { addMember, buildOrganisation, buildUser } from '../../../testing/factories.ts';
import {
  elementsWith,
  fieldsetByLegend,
  hasLabel,
  scriptTags,
  optionsOf,
} from '../../../testing/pageQueries.ts';
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
      const types = optionsOf(page, 'Achievement type');
      assert.deepEqual(
        types.find((o) => o.selected),
        { value: 'CertificateOfCompletion', text: 'Certificate of completion', selected: true },
      );
      assert.ok(
        types.every((o) => o.text !== o.value || !/[a-z][A-Z]/.test(o.value)),
        'types read as words',
      );
      for (const legend of ['Evidence requirements', 'Rubric'])
        assert.deepEqual(
          fieldsetByLegend(page, legend),
          { hidden: true, attributes: { 'data-earning-modes': 'reviewed_evidence', hidden: '' } },
          `${legend} is for peer-reviewed evidence only`,
        );
      assert.deepEqual(
        elementsWith(page, 'data-earning-modes', 'proof_of_completion'),
        [{ tag: 'div', hidden: false }],
        'its pre-approved programs are shown',
      );
      assert.ok(
        scriptTags(page).some(
          ({ src, defer }) => defer && /^\/assets\/design-form\.[0-9a-f]{10}\.js$/.test(src),
        ),
      );

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
      /** How many evidence-part rows the form shows ("Part 1: prompt", "Part 2: prompt", …). */
      const partRows = (html: string) => {
        let n = 0;
        while (hasLabel(html, `Part ${n + 1}: prompt`)) n++;
        return n;
      };
      assert.equal(partRows(firstPage), 1 + 2);
      assert.equal(fieldsetByLegend(firstPage, 'Evidence requirements').hidden, false);
      assert.deepEqual(
        optionsOf(firstPage, 'Kind').map((o) => [o.value, o.text]),
        [
          ['text', 'Written answer'],
          ['file', 'File upload'],
          ['link', 'Link'],
        ],
      );
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
