import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testBackends } from '../../testing/databases.ts';
import { addMember, buildUser } from '../../testing/factories.ts';
import { ledgerScenario } from '../../testing/ledgerFixtures.ts';
import { organisationsOf } from '../../storage/organisations.ts';
import { applyForMicroCredential } from '../earning/commands/applyForMicroCredential.ts';
import { saveEvidence, submitApplication } from '../earning/commands/submitEvidence.ts';
import { reviewAttempt } from '../earning/commands/reviewAttempt.ts';
import { decideLicense } from '../credit/commands/decideLicense.ts';
import type { Storage } from '../../storage/database.ts';
import type { Translator } from '../../web/i18n/i18n.ts';
import { loadHome, type HomeViewModel } from './loader.ts';
import { HomeView } from './view.tsx';
import { imageNames, linkHref, pageText } from '../../testing/pageQueries.ts';
import { renderPseudo, textsOutsideCatalogue } from '../../web/i18n/catalogueCheck.tsx';
import { LOCALES, translator as translatorFor } from '../../web/i18n/i18n.ts';

const DAY = 86_400_000;

async function homeOf(
  storage: Storage,
  s: Awaited<ReturnType<typeof ledgerScenario>>,
  user: { id: number; name: string },
  i18n: Translator = translatorFor('en'),
): Promise<HomeViewModel> {
  const organisations = await organisationsOf(storage.db, user.id);
  return loadHome(
    { db: storage.db, config: s.deps.config },
    { user_id: user.id, name: user.name, organisations },
    s.clock.now(),
    i18n,
  );
}

const role = (m: HomeViewModel, r: string) => m.roles.find((x) => x.role === r);
const section = (m: HomeViewModel, r: string, id: string) => role(m, r)?.sections.find((x) => x.id === id);

/** An earner who applied and submitted (reviewed by a peer), holds a badge to accept and a confirmed license. */
async function scenario(storage: Storage) {
  const s = await ledgerScenario(storage);
  const reviewer = await buildUser(storage.db, { name: 'Rae Reviewer' });
  await addMember(storage.db, s.issuerOrg.id, reviewer.id, ['reviewer']);
  const earnerActor = { userId: s.earner.id, ip: null };
  const { publicId: application } = await applyForMicroCredential(s.deps, {
    actor: earnerActor,
    microCredential: s.mcPublicId,
  });
  await saveEvidence(s.deps, {
    actor: earnerActor,
    application,
    part: 1,
    value: 'What changed in my classroom.',
  });
  await storage.db
    .insertInto('evidence_items')
    .values({
      application_id: (
        await storage.db
          .selectFrom('applications')
          .select('id')
          .where('public_id', '=', application)
          .executeTakeFirstOrThrow()
      ).id,
      part_index: 0,
      kind: 'link',
      link_url: 'https://example.org/plan',
      updated_at: s.clock.now(),
    })
    .execute();
  await submitApplication(s.deps, { actor: earnerActor, application });
  const badge = await s.issue();
  const { publicId: license } = await s.link();
  return { ...s, reviewer, application, badge, license };
}

for (const backend of testBackends()) {
  describe(`home view models (${backend.name})`, () => {
    test('an earner: their application with its deadline, then feedback waiting; a badge to accept; hours toward their license', async () => {
      const storage = await backend.storage();
      const s = await scenario(storage);
      let home = await homeOf(storage, s, s.earner);
      assert.deepEqual(
        home.roles.map((r) => r.role),
        ['earner'],
        'no staff sections for an earner',
      );
      const apps = section(home, 'earner', 'applications')!;
      assert.equal(apps.items.length, 1);
      assert.equal(apps.items[0]!.href, `/applications/${s.application}`);
      assert.match(apps.items[0]!.detail, /Submitted, waiting for review/);

      const badges = section(home, 'earner', 'badges')!;
      assert.deepEqual(
        badges.items.map((b) => [b.href, b.urgent]),
        [['/backpack', true]],
      );
      assert.match(badges.items[0]!.detail, /From Union Academy/);

      const licenses = section(home, 'earner', 'licenses')!;
      assert.deepEqual(
        licenses.items.map((l) => l.href),
        [`/me/licenses/${s.license}`],
      );
      assert.match(licenses.items[0]!.detail, /Waiting for the recognizer/);
      await decideLicense(s.deps, {
        actor: s.officerActor,
        orgSlug: s.board.slug,
        license: s.license,
        decision: 'confirm',
      });

      const attempt = await storage.db
        .selectFrom('attempts')
        .select('public_id')
        .where('reviewer_user_id', '=', s.reviewer.id)
        .executeTakeFirstOrThrow();
      await reviewAttempt(s.deps, {
        actor: { userId: s.reviewer.id, ip: null },
        attempt: attempt.public_id,
        scores: { plan: 'developing', video: 'proficient' },
        feedback: { plan: 'Show the plan.' },
        overallFeedback: 'Close.',
        decision: 'needs_revision',
      });
      home = await homeOf(storage, s, s.earner);
      const revised = section(home, 'earner', 'applications')!.items[0]!;
      assert.equal(revised.urgent, true);
      assert.match(
        revised.detail,
        /^Feedback waiting: revise and resubmit · \d+ days left \(until [A-Z][a-z]{2} \d{1,2}, \d{4}\) · Union Academy$/,
      );
      assert.match(
        section(home, 'earner', 'licenses')!.items[0]!.detail,
        /^0 of 2 hours this cycle .* 2 to go$/,
      );
      assert.deepEqual(section(home, 'earner', 'licenses')!.items[0]!.progress, {
        kind: 'hours',
        value: 0,
        target: 2,
      });
      assert.equal(home.createOrganisation.href, '/orgs/new');

      const html = String(HomeView({ model: home }));
      // The hours toward renewal as a bar, the numbers also in words.
      assert.ok(imageNames(html).includes('0% complete'));
      assert.ok(pageText(html).includes('0 h of 2 h'));
      assert.ok(!pageText(html).includes('You do not belong to an organisation'));
      assert.equal(linkHref(html, 'Create an organisation'), '/orgs/new');
    });

    test('an earner with nothing yet: each section says what to do next', async () => {
      const storage = await backend.storage();
      const s = await ledgerScenario(storage);
      const newcomer = await buildUser(storage.db, { name: 'Nia New' });
      const home = await homeOf(storage, s, newcomer);
      const apps = section(home, 'earner', 'applications')!;
      assert.deepEqual(
        [apps.items.length, apps.empty.text, apps.empty.href],
        [0, 'No applications yet — browse the catalog and apply for a micro-credential.', '/catalog'],
      );
      assert.equal(section(home, 'earner', 'licenses')!.empty.href, '/me/licenses');
    });

    test('a reviewer: the review queue with due dates', async () => {
      const storage = await backend.storage();
      const s = await scenario(storage);
      const home = await homeOf(storage, s, s.reviewer);
      assert.deepEqual(
        home.roles.map((r) => r.role),
        ['reviewer', 'earner'],
      );
      const [item, ...rest] = section(home, 'reviewer', 'reviews')!.items;
      assert.equal(rest.length, 0);
      assert.match(item!.href ?? '', /^\/reviews\/att_/);
      const due = translatorFor('en').date(
        new Date(s.clock.now().getTime() + s.deps.config.reviewTurnaroundDays * DAY),
      );
      assert.equal(item!.detail, `Due by ${due} · Union Academy`);
      s.clock.advance((s.deps.config.reviewTurnaroundDays + 1) * DAY);
      assert.match(
        section(await homeOf(storage, s, s.reviewer), 'reviewer', 'reviews')!.items[0]!.detail,
        /^Overdue since/,
      );
    });

    test('issuing staff: applications waiting (and without a reviewer), with links to where the work is done', async () => {
      const storage = await backend.storage();
      const s = await scenario(storage);
      await storage.db
        .updateTable('attempts')
        .set({ reviewer_user_id: null, assigned_at: null })
        .where('reviewer_user_id', '=', s.reviewer.id)
        .execute();
      const home = await homeOf(storage, s, s.staff);
      assert.deepEqual(
        home.roles.map((r) => r.role),
        ['issuing_staff', 'earner'],
      );
      const waiting = section(home, 'issuing_staff', 'waiting')!;
      assert.deepEqual(
        waiting.items.map((i) => [i.label, i.href, i.detail]),
        [
          [
            '1 submission waiting for peer review',
            `/orgs/${s.issuerOrg.slug}/review-queue`,
            '1 without a reviewer: assign one',
          ],
        ],
      );
      assert.equal(section(home, 'issuing_staff', 'runs')!.empty.href, `/orgs/${s.issuerOrg.slug}/awards`);
      assert.equal(
        section(home, 'issuing_staff', 'pass-rates')!.items.length,
        1,
        'a micro-credential with a submission has a pass-rate line',
      );
      const rates = section(home, 'issuing_staff', 'pass-rates')!.rates!;
      assert.ok(
        rates.every((r) => r.value >= 0 && r.value <= 1),
        'rates drawn on a 0–1 axis',
      );
      const staffHtml = String(HomeView({ model: home }));
      assert.equal(
        pageText(staffHtml).includes('First-time pass rate by micro-credential'),
        rates.length > 0,
      );
    });

    test('a recognition officer: license links to confirm, then roster shortfalls', async () => {
      const storage = await backend.storage();
      const s = await scenario(storage);
      let home = await homeOf(storage, s, s.officer);
      assert.deepEqual(
        home.roles.map((r) => r.role),
        ['recognition_officer', 'earner'],
      );
      assert.deepEqual(
        section(home, 'recognition_officer', 'recognition-waiting')!.items.map((i) => [i.label, i.href]),
        [['1 license link to confirm', `/orgs/${s.board.slug}/recognition/licenses`]],
      );
      assert.equal(section(home, 'recognition_officer', 'shortfalls')!.items.length, 0);
      await decideLicense(s.deps, {
        actor: s.officerActor,
        orgSlug: s.board.slug,
        license: s.license,
        decision: 'confirm',
      });
      home = await homeOf(storage, s, s.officer);
      assert.equal(section(home, 'recognition_officer', 'recognition-waiting')!.items.length, 0);
      assert.match(section(home, 'recognition_officer', 'recognition-waiting')!.empty.text, /No approvals/);
      const [short] = section(home, 'recognition_officer', 'shortfalls')!.items;
      assert.match(short!.label, /^Maya Teacher — Educator license EDU-123456$/);
      assert.match(short!.detail, /^0 of 2 hours, 2 short/);
    });

    test('every word of the earner, reviewer, staff and officer sections comes from the catalogue, in both languages', async () => {
      const storage = await backend.storage();
      const s = await scenario(storage);
      await decideLicense(s.deps, {
        actor: s.officerActor,
        orgSlug: s.board.slug,
        license: s.license,
        decision: 'confirm',
      });
      for (const locale of LOCALES)
        for (const user of [s.earner, s.reviewer, s.staff, s.officer]) {
          const home = await homeOf(storage, s, user, translatorFor(locale, { pseudo: true }));
          // Names people gave things (titles, badges, files) are data, not catalogue.
          const names = home.roles.flatMap((r) =>
            r.sections.flatMap((x) => [
              ...x.items.map((i) => i.label).filter((l) => !l.startsWith('⟦')),
              ...(x.rates ?? []).map((p) => p.label),
            ]),
          );
          const html = renderPseudo(<HomeView model={home} />, locale);
          assert.deepEqual(textsOutsideCatalogue(html, names), [], `${locale}: ${user.name}`);
        }
      const es = await homeOf(storage, s, s.earner, translatorFor('es'));
      assert.equal(es.roles[0]!.heading, 'Tu aprendizaje');
      assert.match(
        section(es, 'earner', 'licenses')!.items[0]!.detail,
        /^0 de 2 horas en este ciclo .* faltan 2$/,
      );
    });
  });
}
