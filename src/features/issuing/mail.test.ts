import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { textsOutsideCatalogue } from '../../web/i18n/catalogueCheck.tsx';
import { LOCALES, translator } from '../../web/i18n/i18n.ts';
import { claimMailIn, claimOfferMail, claimReminderMail, type ClaimMailData } from './mail.tsx';

// The claim emails in every language: no word outside the catalogue but their data (the
// recipient's and badge's names, the issuer, the link) and the brand.

const data: ClaimMailData = {
  name: 'Noor Haddad',
  badgeName: 'Wait Time',
  issuerName: 'Lakeside Union',
  link: 'http://cairn.test/claim/abc',
  expiresInDays: 30,
};
const DATA = ['Noor Haddad', 'Wait Time', 'Lakeside Union', 'http://cairn.test/claim/abc', 'Cairn'];

describe('the claim emails', () => {
  test('take every word from the catalogue, in HTML and plain text, in every language', () => {
    for (const locale of LOCALES)
      for (const kind of ['offer', 'reminder'] as const)
        for (const name of [data.name, null]) {
          const mail = claimMailIn(translator(locale, { pseudo: true }), { ...data, name }, kind);
          const where = `${locale} ${kind} ${name ?? 'no name'}`;
          assert.deepEqual(textsOutsideCatalogue(mail.html, DATA), [], `${where}: html`);
          const lines = mail.text.split('\n').filter(Boolean);
          assert.deepEqual(textsOutsideCatalogue(lines.map((l) => `<p>${l}</p>`).join(''), DATA), [], where);
          assert.ok(mail.subject.startsWith('⟦'), `${where}: subject`);
          assert.match(mail.html, new RegExp(`<html lang="${locale}">`));
        }
  });

  test('go in the language of the recipient’s account, English otherwise', () => {
    const en = claimOfferMail(data);
    assert.equal(en.subject, 'Lakeside Union awarded you Wait Time');
    assert.ok(en.text.includes('The link works for 30 days; after that, open it to get a fresh one.'));
    const es = claimOfferMail({ ...data, locale: 'es' });
    assert.equal(es.subject, 'Lakeside Union te ha otorgado Wait Time');
    assert.ok(es.text.startsWith('Hola, Noor Haddad:'));
    assert.ok(es.text.includes('El enlace funciona durante 30 días'));
    assert.ok(es.html.includes('<html lang="es">'));
    const reminder = claimReminderMail({ ...data, name: null, expiresInDays: 1, locale: 'es' });
    assert.equal(reminder.subject, 'Recordatorio: tu insignia Wait Time te está esperando');
    assert.ok(reminder.text.includes('El enlace funciona durante 1 día más.'));
    assert.equal(claimReminderMail({ ...data, expiresInDays: 1 }).template, 'claim_reminder');
  });
});
