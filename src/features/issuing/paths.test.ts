import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { issuingPaths } from './paths.ts';

describe('issuingPaths', () => {
  test('builds the badge, claim, credentials and bulk award addresses', () => {
    assert.equal(issuingPaths.badge('crd_1'), '/badges/crd_1');
    assert.equal(issuingPaths.badgeJwt('crd_1'), '/badges/crd_1/credential.jwt');
    assert.equal(issuingPaths.badgeBakedPng('crd_1'), '/badges/crd_1/baked.png');
    assert.equal(issuingPaths.claimAccept('tok'), '/claim/tok/accept');
    assert.equal(issuingPaths.credentials('acme'), '/orgs/acme/credentials');
    assert.equal(issuingPaths.credentialStatus('acme', 'crd_1'), '/orgs/acme/credentials/crd_1/status');
    assert.equal(issuingPaths.awardRunIssue('acme', 'run_1'), '/orgs/acme/awards/run_1/issue');
    assert.equal(issuingPaths.awardRunsApi('acme'), '/api/v1/orgs/acme/award-runs');
  });

  test('encodes segments and appends a query string only when it has one', () => {
    assert.equal(issuingPaths.badge('a/b'), '/badges/a%2Fb');
    assert.equal(issuingPaths.claim('x?y'), '/claim/x%3Fy');
    assert.equal(issuingPaths.awardRun('a b', 'r#1'), '/orgs/a%20b/awards/r%231');
    assert.equal(
      issuingPaths.credentials('acme', new URLSearchParams({ q: 'x y' })),
      '/orgs/acme/credentials?q=x+y',
    );
    assert.equal(issuingPaths.credentials('acme', new URLSearchParams()), '/orgs/acme/credentials');
  });
});
