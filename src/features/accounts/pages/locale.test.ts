import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testBackends } from '../../../testing/databases.ts';
import { TestBrowser, loggedIn, testApp } from '../../../testing/http.ts';
import { buildUser } from '../../../testing/factories.ts';
import { byLabel, hasLabel, linkHref, pageText } from '../../../testing/pageQueries.ts';
import { requestLocale } from '../../../web/preferences.ts';
import type { Storage } from '../../../storage/database.ts';
import { addMember } from '../../../testing/factories.ts';
import { ledgerScenario } from '../../../testing/ledgerFixtures.ts';
import { applyForMicroCredential } from '../../earning/commands/applyForMicroCredential.ts';
import { saveEvidence, submitApplication } from '../../earning/commands/submitEvidence.ts';
import { reviewAttempt } from '../../earning/commands/reviewAttempt.ts';
import { chooseLocale } from '../commands/chooseLocale.ts';

const localeOf = async (storage: Storage, userId: number) =>
  (await storage.db.selectFrom('users').select('locale').where('id', '=', userId).executeTakeFirstOrThrow())
    .locale;

describe('the request’s language', () => {
  test('the person’s saved choice, then the cookie, then Accept-Language, then English', () => {
    assert.equal(requestLocale('es', 'en', 'en'), 'es');
    assert.equal(requestLocale(null, 'es', 'en'), 'es');
    assert.equal(requestLocale('xx', 'es', 'en'), 'es', 'an unknown saved language is ignored');
    assert.equal(requestLocale(undefined, undefined, 'fr, es;q=0.8'), 'es');
    assert.equal(requestLocale(null, 'xx', 'fr'), 'en');
  });
});

for (const backend of testBackends()) {
  describe(`a person’s language (${backend.name})`, () => {
    test('chosen on the profile: kept with the account, it wins over the cookie and the browser on every device', async () => {
      const storage = await backend.storage();
      const { app } = testApp(storage);
      const user = await buildUser(storage.db);
      const browser = await loggedIn(app, user);
      const english = await (await browser.get('/profile', { 'accept-language': 'en' })).text();
      assert.equal(byLabel(english, 'Language for pages and email').value, '', 'none chosen yet');

      const saved = await browser.post('/profile/locale', { locale: 'es' });
      assert.equal(saved.status, 303);
      assert.equal(await localeOf(storage, user.id), 'es');
      const spanish = await (await browser.get('/profile', { 'accept-language': 'en' })).text();
      assert.match(spanish, /<html lang="es"/);
      assert.ok(
        pageText(spanish).includes('Tu idioma está guardado.'),
        'the flash speaks the language chosen',
      );
      assert.equal(byLabel(spanish, 'Idioma de las páginas y del correo').value, 'es');

      // Another device, whose switcher said English before logging in: the person's choice wins.
      const other = new TestBrowser(app);
      await other.post('/preferences', { locale: 'en', next: '/' });
      await other.post('/login', { email: user.email, password: user.password });
      const there = await (await other.get('/profile', { 'accept-language': 'en' })).text();
      assert.equal(byLabel(there, 'Añadir una dirección').tag, 'input', 'the add-address form in Spanish');

      // Cleared: the cookie speaks again, then the browser.
      assert.equal((await browser.post('/profile/locale', { locale: '' })).status, 303);
      assert.equal(await localeOf(storage, user.id), null);
      assert.match(
        await (await other.get('/profile', { 'accept-language': 'es' })).text(),
        /<html lang="en"/,
      );
      assert.match(
        await (await browser.get('/profile', { 'accept-language': 'es' })).text(),
        /<html lang="es"/,
      );
    });

    test('a language Cairn does not speak is refused beside the field and nothing changes', async () => {
      const storage = await backend.storage();
      const { app } = testApp(storage);
      const user = await buildUser(storage.db);
      const browser = await loggedIn(app, user);
      const res = await browser.post('/profile/locale', { locale: 'xx' });
      assert.equal(res.status, 422);
      assert.equal(
        byLabel(await res.text(), 'Language for pages and email').error,
        'Choose one of the languages offered.',
      );
      assert.equal(await localeOf(storage, user.id), null);
      await assert.rejects(
        storage.db.updateTable('users').set({ locale: 'fr' }).where('id', '=', user.id).execute(),
        'the database checks the language too',
      );
    });

    test('the language switcher saves the choice of a logged-in person, not of a visitor', async () => {
      const storage = await backend.storage();
      const { app } = testApp(storage);
      const user = await buildUser(storage.db);
      const browser = await loggedIn(app, user);
      assert.equal((await browser.post('/preferences', { locale: 'es', next: '/profile' })).status, 303);
      assert.equal(await localeOf(storage, user.id), 'es');
      const visitor = new TestBrowser(app);
      assert.equal((await visitor.post('/preferences', { locale: 'en', next: '/' })).status, 303);
      assert.equal(await localeOf(storage, user.id), 'es');
    });

    test('the accounts pages, their messages and flashes speak Spanish', async () => {
      const storage = await backend.storage();
      const { app } = testApp(storage);
      const browser = new TestBrowser(app);
      const es = { 'accept-language': 'es' };
      const login = await (await browser.get('/login', es)).text();
      assert.ok(hasLabel(login, 'Correo electrónico'));
      assert.ok(hasLabel(login, 'Contraseña'));
      assert.equal(linkHref(login, '¿Olvidaste tu contraseña?'), '/forgot-password');
      await browser.post('/preferences', { locale: 'es', next: '/signup' });
      const bad = await browser.post('/signup', { name: '', email: 'nope', password: 'short' });
      assert.equal(bad.status, 422);
      const html = await bad.text();
      assert.equal(
        byLabel(html, 'Correo electrónico').error,
        'Escribe una dirección de correo como nombre@example.org.',
      );
      assert.equal(byLabel(html, 'Tu nombre').error, 'Escribe tu nombre.');
      assert.ok(pageText(html).includes('Algunos campos necesitan atención.'));
      const signedUp = await browser.post('/signup', {
        name: 'Ana',
        email: `ana-${Date.now()}@example.org`,
        password: 'a long enough pass',
      });
      assert.equal(signedUp.headers.get('location'), '/check-email');
      const check = pageText(await (await browser.get('/check-email')).text());
      assert.ok(check.includes('Cuenta creada. Busca en tu correo el enlace de confirmación.'));
      assert.ok(check.includes('Revisa tu correo'));
    });
  });
}

for (const backend of testBackends()) {
  describe(`mail in the person’s language (${backend.name})`, () => {
    test('a review decision reaches an earner who chose Spanish in Spanish', async () => {
      const storage = await backend.storage();
      const s = await ledgerScenario(storage);
      const reviewer = await buildUser(storage.db);
      await addMember(storage.db, s.issuerOrg.id, reviewer.id, ['reviewer']);
      const earnerActor = { userId: s.earner.id, ip: null };
      const { publicId: application } = await applyForMicroCredential(s.deps, {
        actor: earnerActor,
        microCredential: s.mcPublicId,
      });
      await saveEvidence(s.deps, { actor: earnerActor, application, part: 1, value: 'What changed.' });
      const applicationId = (
        await storage.db
          .selectFrom('applications')
          .select('id')
          .where('public_id', '=', application)
          .executeTakeFirstOrThrow()
      ).id;
      await storage.db
        .insertInto('evidence_items')
        .values({
          application_id: applicationId,
          part_index: 0,
          kind: 'link',
          link_url: 'https://example.org/plan',
          updated_at: s.clock.now(),
        })
        .execute();
      await submitApplication(s.deps, { actor: earnerActor, application });
      await chooseLocale(s.deps, { locale: 'es', actor: earnerActor });
      const attempt = await storage.db
        .selectFrom('attempts')
        .select(['public_id', 'reviewer_user_id'])
        .where('application_id', '=', applicationId)
        .executeTakeFirstOrThrow();
      await reviewAttempt(s.deps, {
        actor: { userId: attempt.reviewer_user_id!, ip: null },
        attempt: attempt.public_id,
        scores: { plan: 'developing', video: 'proficient' },
        feedback: { plan: 'Show the plan.' },
        overallFeedback: 'Close.',
        decision: 'needs_revision',
      });
      const mail = await storage.db
        .selectFrom('mail_outbox')
        .select('subject')
        .where('to_address', '=', s.earner.email)
        .where('template', '=', 'review_needs_revision')
        .executeTakeFirstOrThrow();
      assert.match(mail.subject, /^Comentarios sobre tu envío de «/);
    });
  });
}
