import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testBackends, unique } from '../../../testing/databases.ts';
import { TestBrowser, loggedIn, testApp, testCredentialServices } from '../../../testing/http.ts';
import { addMember, buildOrganisation, buildUser } from '../../../testing/factories.ts';
import { publishedMicroCredential } from '../../../testing/catalogFixtures.ts';
import { issueCredential } from '../../issuing/commands/issueCredential.ts';
import {
  byLabel,
  checkedIn,
  countWithClass,
  errorSummary,
  fieldsetError,
  linkHref,
  pageText,
  textById,
} from '../../../testing/pageQueries.ts';
import { translator } from '../../../web/i18n/i18n.ts';
import { requirementFromSteps, stepsFromRequirement } from './form.ts';
import { loadPathwayPage } from './pages/pathwayPage.tsx';

describe('pathway form steps ⇄ requirement', () => {
  test('steps become an all / ordered tree of steps and back; blank steps are left out; bad counts are named', () => {
    const built = requirementFromSteps(
      [
        { kind: 'all', count: '', chosen: ['a'] },
        { kind: 'some', count: '2', chosen: ['b', 'c', 'd'] },
        { kind: 'all', count: '', chosen: [] },
      ],
      true,
    );
    assert.ok('requirement' in built);
    assert.deepEqual(built.requirement, {
      type: 'ordered',
      items: [
        { type: 'microCredential', id: 'a' },
        { type: 'some', count: 2, items: ['b', 'c', 'd'].map((id) => ({ type: 'microCredential', id })) },
      ],
    });
    assert.deepEqual(stepsFromRequirement(built.requirement), {
      inOrder: true,
      steps: [
        { kind: 'all', count: '', chosen: ['a'] },
        { kind: 'some', count: '2', chosen: ['b', 'c', 'd'] },
      ],
    });
    assert.deepEqual(requirementFromSteps([{ kind: 'some', count: '4', chosen: ['a', 'b'] }], false), {
      errors: { step_0_count: 'Enter how many are needed: a whole number from 1 to 2.' },
    });
    assert.deepEqual(requirementFromSteps([{ kind: 'all', count: '', chosen: [] }], false), {
      errors: { steps: 'Add at least one step: choose the micro-credentials it needs.' },
    });
    assert.equal(
      stepsFromRequirement({ type: 'all', items: [{ type: 'pathway', id: 'pw' }] }),
      null,
      'nested pathways are not shown as steps',
    );
  });
});

for (const backend of testBackends()) {
  describe(`pathway pages (${backend.name})`, () => {
    test('a designer creates and edits a pathway; errors are shown beside the fields with the choices kept; an earner sees what they have and what is missing', async () => {
      const storage = await backend.storage();
      const { app, clock, config } = testApp(storage);
      const deps = { db: storage.db, clock, config, credentials: testCredentialServices() };
      const org = await buildOrganisation(storage.db, { kind: 'issuer' });
      const designer = await buildUser(storage.db);
      const staff = await buildUser(storage.db);
      await addMember(storage.db, org.id, designer.id, ['designer']);
      await addMember(storage.db, org.id, staff.id, ['issuing_staff']);
      const as = { userId: designer.id, ip: null };
      const tag = unique('');
      const [a, b, c] = [
        await publishedMicroCredential(deps, as, org.slug, `Routines ${tag}`),
        await publishedMicroCredential(deps, as, org.slug, `Feedback ${tag}`),
        await publishedMicroCredential(deps, as, org.slug, `Circles ${tag}`),
      ];
      const browser = await loggedIn(app, designer);

      const list = await (await browser.get(`/orgs/${org.slug}/micro-credentials`)).text();
      assert.equal(
        linkHref(list, 'Pathways'),
        `/orgs/${org.slug}/pathways`,
        'the micro-credentials page links to the pathways',
      );
      const form = await (await browser.get(`/orgs/${org.slug}/pathways/new`)).text();
      assert.equal(byLabel(form, 'Name').value, '');
      assert.equal(byLabel(form, 'Credential awarded on completion').value, 'Certificate');
      assert.equal(byLabel(form, `Routines ${tag}`).checked, false);
      assert.equal(byLabel(form, 'Step 1 needs').value, 'all');

      // Errors: no name, and "any 3 of" two chosen; everything typed and ticked is kept.
      const bad = await browser.post(`/orgs/${org.slug}/pathways/new`, {
        name: '',
        description: 'Toward the certificate',
        step_0_kind: 'all',
        step_0_count: '',
        step_0_mc: a.publicId,
        step_1_kind: 'some',
        step_1_count: '3',
        step_1_mc: [b.publicId, c.publicId],
        inOrder: 'on',
      });
      assert.equal(bad.status, 422);
      let html = await bad.text();
      assert.equal(
        byLabel(html, 'Step 2: how many, for “any number of them”').error,
        'Enter how many are needed: a whole number from 1 to 2.',
      );
      assert.equal(byLabel(html, 'Step 2: how many, for “any number of them”').value, '3');
      assert.equal(byLabel(html, 'Description').value, 'Toward the certificate');
      assert.equal(byLabel(html, 'Step 2 needs').value, 'some');
      assert.equal(byLabel(html, 'The steps must be completed in order').checked, true);
      assert.deepEqual(
        [checkedIn(html, 'Step 1'), checkedIn(html, 'Step 2').sort()],
        [[`Routines ${tag}`], [`Circles ${tag}`, `Feedback ${tag}`]],
        'the ticked micro-credentials stay ticked',
      );

      const noName = await browser.post(`/orgs/${org.slug}/pathways/new`, {
        name: '',
        step_0_kind: 'all',
        step_0_mc: a.publicId,
      });
      assert.equal(noName.status, 422);
      assert.equal(byLabel(await noName.text(), 'Name').error, 'Name the pathway.');
      const noSteps = await browser.post(`/orgs/${org.slug}/pathways/new`, {
        name: 'Empty',
        step_0_kind: 'all',
        step_0_count: '',
      });
      assert.equal(noSteps.status, 422);
      assert.deepEqual(errorSummary(await noSteps.text())?.errors, [
        'Add at least one step: choose the micro-credentials it needs.',
      ]);

      const created = await browser.post(`/orgs/${org.slug}/pathways/new`, {
        name: `Certificate ${tag}`,
        description: 'Toward the certificate',
        achievementType: 'Certificate',
        step_0_kind: 'all',
        step_0_count: '',
        step_0_mc: a.publicId,
        step_1_kind: 'some',
        step_1_count: '2',
        step_1_mc: [b.publicId, c.publicId],
        inOrder: 'on',
      });
      assert.equal(created.status, 303);
      const row = await storage.db
        .selectFrom('pathways')
        .select(['public_id', 'name', 'requirement'])
        .where('organisation_id', '=', org.id)
        .executeTakeFirstOrThrow();
      assert.deepEqual(row.requirement, {
        type: 'ordered',
        items: [
          { type: 'microCredential', id: a.publicId },
          {
            type: 'some',
            count: 2,
            items: [
              { type: 'microCredential', id: b.publicId },
              { type: 'microCredential', id: c.publicId },
            ],
          },
        ],
      });

      // Edit: the saved steps are shown, and a change is saved.
      const pathways = await (await browser.get(`/orgs/${org.slug}/pathways`)).text();
      const editHref = linkHref(pathways, `Certificate ${tag}`);
      assert.equal(editHref, `/orgs/${org.slug}/pathways/${row.public_id}/edit`);
      html = await (await browser.get(editHref)).text();
      assert.equal(byLabel(html, 'Name').value, `Certificate ${tag}`);
      assert.equal(byLabel(html, 'Step 2: how many, for “any number of them”').value, '2');
      assert.equal(byLabel(html, 'The steps must be completed in order').checked, true);
      const edited = await browser.post(editHref, {
        name: `Certificate ${tag}`,
        description: 'Toward the certificate',
        achievementType: 'Certification',
        step_0_kind: 'all',
        step_0_count: '',
        step_0_mc: a.publicId,
        step_1_kind: 'some',
        step_1_count: '1',
        step_1_mc: [b.publicId, c.publicId],
      });
      assert.equal(edited.status, 303);
      const after = await storage.db
        .selectFrom('pathways')
        .select(['achievement_type', 'requirement'])
        .where('public_id', '=', row.public_id)
        .executeTakeFirstOrThrow();
      assert.equal(after.achievement_type, 'Certification');
      assert.deepEqual(after.requirement, {
        type: 'all',
        items: [
          { type: 'microCredential', id: a.publicId },
          {
            type: 'some',
            count: 1,
            items: [
              { type: 'microCredential', id: b.publicId },
              { type: 'microCredential', id: c.publicId },
            ],
          },
        ],
      });

      // The earner holds A: the page says so, and lists B and C as missing with where to apply.
      const earner = await buildUser(storage.db);
      await issueCredential(deps, {
        actor: { userId: staff.id, ip: null },
        organisationId: org.id,
        recipient: { email: earner.email },
        microCredential: a.publicId,
      });
      const e = await loggedIn(app, earner);
      const home = await (await e.get('/')).text();
      assert.equal(
        linkHref(home, `Certificate ${tag}`),
        `/pathways/${row.public_id}`,
        'the home links to the pathway’s page',
      );
      const mine = await (await e.get(`/pathways/${row.public_id}`)).text();
      const text = pageText(mine);
      assert.ok(text.includes('Your progress 1 of 2 done.'), text);
      const earnedOn = translator('en').date(clock.now());
      assert.ok(text.includes(`Badges you have Routines ${tag} (earned ${earnedOn})`), text);
      assert.equal(linkHref(mine, `Apply for Feedback ${tag}`), `/catalog/${org.slug}/${b.slug}`);
      assert.equal(linkHref(mine, `Apply for Circles ${tag}`), `/catalog/${org.slug}/${c.slug}`);
      assert.equal(linkHref(mine, `Apply for Routines ${tag}`), null, 'what they have is not missing');
      // The map: an image named by the pathway, its counts in words, and the steps as a list with links.
      assert.equal(textById(mine, 'pathway-map-title'), `Map of the pathway Certificate ${tag}`);
      assert.equal(textById(mine, 'pathway-map-desc'), '1 step earned, 2 still to earn.');
      assert.equal(countWithClass(mine, 'map-dot earned'), 1);
      assert.equal(countWithClass(mine, 'map-dot missing'), 2);
      assert.equal(linkHref(mine, `Feedback ${tag}`), `/catalog/${org.slug}/${b.slug}`);
      assert.ok(text.includes(`Routines ${tag} — Earned`));
      const model = await loadPathwayPage(storage.db, earner.id, row.public_id);
      assert.deepEqual(
        model.missing.map((m) => m.title),
        [`Feedback ${tag}`, `Circles ${tag}`],
      );
      assert.deepEqual(
        model.have.map((h) => [h.title, h.earnedOn.getTime()]),
        [[`Routines ${tag}`, clock.now().getTime()]],
      );
      assert.deepEqual(model.progress, { done: 1, needed: 2, satisfied: false });

      // Once B is held, the "any 1 of" step is done: C is no longer missing.
      await issueCredential(deps, {
        actor: { userId: staff.id, ip: null },
        organisationId: org.id,
        recipient: { email: earner.email },
        microCredential: b.publicId,
      });
      const done = await loadPathwayPage(storage.db, earner.id, row.public_id);
      assert.deepEqual([done.progress?.satisfied, done.missing], [true, []]);
      const complete = await (await e.get(`/pathways/${row.public_id}`)).text();
      assert.equal(textById(complete, 'pathway-map-desc'), '2 steps earned, 0 still to earn.');
      assert.ok(pageText(complete).includes(`Circles ${tag} — Not needed`));

      // A visitor sees the requirement and is asked to log in for progress.
      const visitor = pageText(await (await new TestBrowser(app).get(`/pathways/${row.public_id}`)).text());
      assert.ok(visitor.includes('Log in to see which of these badges you have.'), visitor);
      assert.ok(
        visitor.includes(`Map of the pathway Certificate ${tag} 3 steps. The list below names each one.`),
      );
      assert.ok(!visitor.includes('Your progress'));
    });

    test('tenancy: another organisation’s designer finds nothing; earners and unknown pathways', async () => {
      const storage = await backend.storage();
      const { app, clock, config } = testApp(storage);
      const deps = { db: storage.db, clock, config, credentials: testCredentialServices() };
      const org = await buildOrganisation(storage.db, { kind: 'issuer' });
      const other = await buildOrganisation(storage.db, { kind: 'issuer' });
      const designer = await buildUser(storage.db);
      const foreign = await buildUser(storage.db);
      await addMember(storage.db, org.id, designer.id, ['designer']);
      await addMember(storage.db, other.id, foreign.id, ['designer', 'admin']);
      const a = await publishedMicroCredential(
        deps,
        { userId: designer.id, ip: null },
        org.slug,
        `Routines ${unique('')}`,
      );
      const mine = await loggedIn(app, designer);
      await mine.post(`/orgs/${org.slug}/pathways/new`, {
        name: 'Own pathway',
        step_0_kind: 'all',
        step_0_mc: a.publicId,
      });
      const id = (
        await storage.db
          .selectFrom('pathways')
          .select('public_id')
          .where('organisation_id', '=', org.id)
          .executeTakeFirstOrThrow()
      ).public_id;

      const them = await loggedIn(app, foreign);
      assert.equal((await them.get(`/orgs/${org.slug}/pathways`)).status, 404);
      assert.equal((await them.get(`/orgs/${org.slug}/pathways/${id}/edit`)).status, 404);
      assert.equal(
        (
          await them.post(`/orgs/${org.slug}/pathways/${id}/edit`, {
            name: 'Taken over',
            step_0_kind: 'all',
            step_0_mc: a.publicId,
          })
        ).status,
        404,
      );
      assert.equal(
        (await them.get(`/orgs/${other.slug}/pathways/${id}/edit`)).status,
        404,
        'not under their own organisation either',
      );
      assert.equal(
        (
          await them.post(`/orgs/${other.slug}/pathways/${id}/edit`, {
            name: 'Taken over',
            step_0_kind: 'all',
            step_0_mc: a.publicId,
          })
        ).status,
        404,
      );
      const bad = await them.post(`/orgs/${other.slug}/pathways/new`, {
        name: 'Borrowed',
        step_0_kind: 'all',
        step_0_mc: a.publicId,
      });
      assert.equal(bad.status, 422, 'another organisation’s micro-credential cannot be chosen');
      assert.deepEqual(errorSummary(await bad.text())?.errors, [
        'The requirement names micro-credentials or pathways this organisation does not have.',
      ]);
      assert.equal(
        (
          await storage.db
            .selectFrom('pathways')
            .select('name')
            .where('public_id', '=', id)
            .executeTakeFirstOrThrow()
        ).name,
        'Own pathway',
      );
      assert.equal((await them.get('/pathways/pw_nothing')).status, 404);
      assert.equal(
        fieldsetError(await (await mine.get(`/orgs/${org.slug}/pathways/new`)).text(), 'Step 1'),
        null,
      );
    });
  });
}
