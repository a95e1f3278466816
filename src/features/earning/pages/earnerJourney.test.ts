import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testBackends, unique } from '../../../testing/databases.ts';
import {
  loggedIn,
  testApp,
  testConfig,
  testCredentialServices,
  type TestBrowser,
} from '../../../testing/http.ts';
import { addMember, buildOrganisation, buildUser } from '../../../testing/factories.ts';
import { publishedMicroCredential } from '../../../testing/catalogFixtures.ts';
import { silentLogger } from '../../../logger.ts';
import { outboxOnlyMailer } from '../../../mail/mailer.ts';
import { Worker } from '../../../jobs/worker.ts';
import { issuePassedApplicationJob } from '../jobs.ts';
import type { JobDefinition } from '../../../jobs/definition.ts';
import { issueCredential } from '../../issuing/commands/issueCredential.ts';
import { anchors, rawDocumentLink } from '../../../testing/links.ts';
import {
  byLabel,
  formOfButton,
  hasLabel,
  linkHref,
  pageText,
  scriptTags,
  textsWithRole,
} from '../../../testing/pageQueries.ts';

// An earner's whole journey through the pages, as a person without the API sees it: links open
// pages, evidence typed is never lost, submitted evidence reads as text, and passing brings one email.

/** The labels of the two evidence parts' controls (a link, and an answer of up to 200 words). */
const LINK = 'Link';
const ANSWER = 'Your answer (up to 200 words)';
/** The evidence parts the page offers to type into. */
const evidenceControls = (html: string) => [LINK, ANSWER].filter((label) => hasLabel(html, label));

async function pageLinks(browser: TestBrowser, path: string): Promise<string[]> {
  const res = await browser.get(path);
  assert.equal(res.status, 200, `${path} opens`);
  assert.match(res.headers.get('content-type') ?? '', /text\/html/, `${path} is a page`);
  return anchors(await res.text()).flatMap((link) => {
    const why = rawDocumentLink(link);
    return why ? [`${path}: ${why}`] : [];
  });
}

for (const backend of testBackends()) {
  describe(`an earner's journey through the pages (${backend.name})`, () => {
    test('typed evidence reaches the attempt without Save; links open pages; passing brings one email and an accepted badge', async () => {
      const storage = await backend.storage();
      const { app, clock } = testApp(storage);
      const org = await buildOrganisation(storage.db, { kind: 'issuer', name: 'Harbour Union' });
      const [designer, reviewer, earner] = [
        await buildUser(storage.db),
        await buildUser(storage.db),
        await buildUser(storage.db, { name: 'Ines Earner' }),
      ];
      await addMember(storage.db, org.id, designer.id, ['designer', 'issuing_staff']);
      await addMember(storage.db, org.id, reviewer.id, ['reviewer']);
      const deps = { db: storage.db, clock, config: testConfig() };
      const title = `Wait Time ${unique('')}`;
      const mc = await publishedMicroCredential(deps, { userId: designer.id, ip: null }, org.slug, title, {
        evidenceParts: [
          { prompt: 'Link to your lesson video', kind: 'link', required: true },
          { prompt: 'Reflect on what changed', kind: 'text', maxWords: 200, required: true },
        ],
      });
      const e = await loggedIn(app, earner);
      const applied = await e.post(`/catalog/${org.slug}/${mc.slug}/apply`);
      assert.equal(applied.status, 303);
      const appPath = applied.headers.get('location')!;
      const appId = appPath.split('/').pop()!;

      // One form: both parts' fields, a Save button and Submit in it, the autosave script loaded.
      const editing = await (await e.get(appPath)).text();
      assert.equal(evidenceControls(editing).length, 2);
      assert.ok(
        scriptTags(editing).some(
          (tag) => /^\/assets\/evidence-autosave\.[0-9a-f]{10}\.js$/.test(tag.src) && tag.defer,
        ),
        'the autosave script (hashed, deferred)',
      );
      assert.equal(
        (await e.get('/assets/evidence-autosave.js')).headers.get('cache-control'),
        'public, max-age=3600',
      );

      // The autosave (JSON): a bad link is refused by part while the other part is kept.
      const auto = async (fields: Record<string, string>) => {
        const body = new URLSearchParams({ _csrf: await e.csrf(), ...fields });
        return e.request('POST', `${appPath}/evidence`, {
          body: body.toString(),
          headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        });
      };
      const partial = await auto({ part0: 'video dot example', part1: 'First thoughts.' });
      assert.equal(partial.status, 422);
      assert.deepEqual(Object.keys(((await partial.json()) as { error: { fields: object } }).error.fields), [
        'part0',
      ]);
      assert.equal(
        byLabel(await (await e.get(appPath)).text(), ANSWER).value,
        'First thoughts.',
        'the good part was kept',
      );
      const saved = await auto({ part0: 'https://video.example/wait', part1: 'First thoughts.' });
      assert.deepEqual(await saved.json(), { saved: true, changed: ['part0'] });

      // Typed, never saved, then "Submit for review" (no JavaScript): both texts are in the attempt.
      const submitted = await e.post(`${appPath}/submit`, {
        part0: 'https://video.example/wait-2',
        part1: 'Students answered more fully when I waited.',
      });
      assert.equal(submitted.status, 303);
      const attempt = await storage.db
        .selectFrom('attempts as a')
        .innerJoin('applications as p', 'p.id', 'a.application_id')
        .select(['a.evidence', 'a.public_id'])
        .where('p.public_id', '=', appId)
        .executeTakeFirstOrThrow();
      const evidence = attempt.evidence as Array<{ part: number; text: string | null; link: string | null }>;
      assert.equal(evidence.find((x) => x.part === 0)?.link, 'https://video.example/wait-2');
      assert.equal(evidence.find((x) => x.part === 1)?.text, 'Students answered more fully when I waited.');

      // Submitted evidence reads as text, not as disabled boxes; the status line has no stray separators.
      const after = await (await e.get(appPath)).text();
      assert.deepEqual(evidenceControls(after), [], 'no boxes, not even disabled ones');
      assert.equal(linkHref(after, 'https://video.example/wait-2'), 'https://video.example/wait-2');
      assert.ok(pageText(after).includes('Students answered more fully when I waited.'));
      assert.ok(textsWithRole(after, 'status').includes('Submitted Attempt 1'), 'the status line');

      // A needs-revision review, then a pass, from the reviewer's page.
      const r = await loggedIn(app, reviewer);
      const review = (decision: string, level: string) =>
        r.post(`/reviews/${attempt.public_id}`, {
          score_plan: level,
          score_video: level,
          overallFeedback: 'Thanks.',
          decision,
        });
      assert.equal((await review('needs_revision', 'developing')).status, 303);
      await e.post(`${appPath}/submit`, {
        part0: 'https://video.example/wait-3',
        part1: 'Now with the plan.',
      });
      const second = await storage.db
        .selectFrom('attempts as a')
        .innerJoin('applications as p', 'p.id', 'a.application_id')
        .select('a.public_id')
        .where('p.public_id', '=', appId)
        .where('a.number', '=', 2)
        .executeTakeFirstOrThrow();
      assert.equal(
        (
          await r.post(`/reviews/${second.public_id}`, {
            score_plan: 'proficient',
            score_video: 'proficient',
            overallFeedback: 'Well done.',
            decision: 'passed',
          })
        ).status,
        303,
      );
      const worker = new Worker({
        deps: {
          db: storage.db,
          clock,
          logger: silentLogger,
          mailer: outboxOnlyMailer,
          config: testConfig(),
          credentials: testCredentialServices(),
        },
        jobs: [issuePassedApplicationJob as JobDefinition<unknown>],
        concurrency: 1,
        pollMs: 20,
      });
      await worker.drain();

      // Passing through the loop means accepted: "You earned …" is the only email about the badge.
      const mail = await storage.db
        .selectFrom('mail_outbox')
        .select(['template', 'html_body', 'text_body'])
        .where('to_address', '=', earner.email)
        .orderBy('id')
        .execute();
      assert.deepEqual(
        mail.map((m) => m.template),
        ['review_needs_revision', 'review_passed'],
      );
      const credential = await storage.db
        .selectFrom('credentials as c')
        .innerJoin('credential_claims as cl', 'cl.credential_id', 'c.id')
        .select(['c.public_id', 'cl.state', 'cl.user_id'])
        .where('c.recipient_email', '=', earner.email)
        .executeTakeFirstOrThrow();
      assert.deepEqual(
        { state: credential.state, user: credential.user_id },
        { state: 'accepted', user: earner.id },
      );
      const backpack = await (await e.get('/backpack')).text();
      assert.equal(formOfButton(backpack, 'Accept'), null, 'nothing left to accept');
      assert.ok(!pageText(backpack).includes('Accept this badge'));

      // Every link in that mail opens a page for the earner.
      for (const m of mail) {
        for (const link of anchors(m.html_body ?? '')) {
          assert.equal(rawDocumentLink(link), null, m.template);
          const url = new URL(link.href);
          if (url.origin === 'http://cairn.test')
            assert.equal((await e.get(url.pathname)).status, 200, link.href);
        }
      }

      // The earner's pages: no link into the API or to a raw document unless it is a download.
      const final = await (await e.get(appPath)).text();
      assert.equal(linkHref(final, 'Your badge'), `/badges/${credential.public_id}`);
      assert.ok(
        textsWithRole(final, 'status').includes('Passed Attempt 2 · Your badge (also in your backpack)'),
        'the status line',
      );
      const { publicId: otherBadge } = await issueCredential(
        { ...deps, credentials: testCredentialServices() },
        {
          actor: { userId: designer.id, ip: null },
          organisationId: org.id,
          recipient: { email: earner.email },
          microCredential: mc.publicId,
        },
      );
      const collection = await e.post('/backpack/collections', { name: 'For my evaluator' });
      const problems = [
        ...(await pageLinks(e, '/applications')),
        ...(await pageLinks(e, appPath)),
        ...(await pageLinks(e, '/backpack')),
        ...(await pageLinks(e, '/backpack/collections')),
        ...(collection.headers.get('location')?.startsWith('/backpack/collections/')
          ? await pageLinks(e, collection.headers.get('location')!)
          : []),
        ...(await pageLinks(e, `/badges/${credential.public_id}`)),
        ...(await pageLinks(e, `/badges/${otherBadge}`)),
        ...(await pageLinks(e, '/profile')),
        ...(await pageLinks(e, '/me/licenses')),
      ];
      assert.deepEqual(problems, []);
    });
  });
}
