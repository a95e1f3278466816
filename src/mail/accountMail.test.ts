import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { confirmEmailMail, invitationMail, passwordChangedMail, resetPasswordMail } from './templates.tsx';

const link = 'http://cairn.test/a-link';
const all = (locale: 'en' | 'es') => [
  confirmEmailMail({ name: 'Ada', link, newAddress: false, locale }),
  confirmEmailMail({ name: 'Ada', link, newAddress: true, locale }),
  resetPasswordMail({ name: 'Ada', link, locale }),
  passwordChangedMail({ name: 'Ada', resetLink: link, locale }),
  invitationMail({
    organisationName: 'Unión',
    inviterName: 'Bo',
    roles: ['designer', 'reviewer'],
    link,
    expiresInDays: 1,
    locale,
  }),
];

describe('account emails in the recipient’s language', () => {
  test('each is written in Spanish for a reader of Spanish, with lang="es", and keeps its link', () => {
    const english = all('en');
    for (const [i, mail] of all('es').entries()) {
      assert.notEqual(mail.subject, english[i]!.subject, mail.template);
      assert.match(mail.html, /<html lang="es">/, mail.template);
      assert.ok(mail.text.includes(link) && mail.html.includes(link), mail.template);
    }
    const invitation = all('es')[4]!;
    assert.equal(invitation.subject, 'Bo te invitó a unirte a Unión en Cairn');
    assert.ok(invitation.text.includes('como: Diseñador'), invitation.text);
    assert.ok(invitation.text.includes('durante 1 día.'), invitation.text);
  });

  test('English stays as it was', () => {
    const [signUp, , reset] = all('en');
    assert.equal(signUp!.subject, 'Confirm your email to finish creating your Cairn account');
    assert.match(signUp!.html, /<html lang="en">/);
    assert.equal(reset!.subject, 'Reset your Cairn password');
    assert.ok(all('en')[4]!.text.includes('as: Designer, Reviewer.'));
  });
});
