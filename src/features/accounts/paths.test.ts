import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  confirmEmailPath,
  invitationPath,
  logInPath,
  orgPath,
  profileEmailPath,
  resetPasswordPath,
} from './paths.ts';

describe('orgPath', () => {
  test('builds an organisation address from its slug, section and segments', () => {
    assert.equal(orgPath('acme'), '/orgs/acme');
    assert.equal(orgPath('acme', 'members'), '/orgs/acme/members');
    assert.equal(orgPath('acme', 'tokens', 'tok_1', 'revoke'), '/orgs/acme/tokens/tok_1/revoke');
    assert.equal(orgPath('acme', 'recognition', 'notices', 7), '/orgs/acme/recognition/notices/7');
  });

  test('encodes segments and appends a query string when it has one', () => {
    assert.equal(orgPath('acme', 'webhooks', 'a/b'), '/orgs/acme/webhooks/a%2Fb');
    assert.equal(
      orgPath('acme', 'audit', new URLSearchParams({ action: 'x y' })),
      '/orgs/acme/audit?action=x+y',
    );
    assert.equal(orgPath('acme', 'audit', new URLSearchParams()), '/orgs/acme/audit');
  });
});

describe('account paths', () => {
  test('log in with a way back, token links and address actions are encoded', () => {
    assert.equal(logInPath(), '/login');
    assert.equal(logInPath('/orgs/a b?x=1'), '/login?next=%2Forgs%2Fa%20b%3Fx%3D1');
    assert.equal(resetPasswordPath('a/b'), '/reset-password/a%2Fb');
    assert.equal(confirmEmailPath('tok'), '/confirm-email/tok');
    assert.equal(invitationPath('t?'), '/invitations/t%3F');
    assert.equal(profileEmailPath(12, 'primary'), '/profile/emails/12/primary');
  });
});
