import { test } from 'node:test';
import assert from 'node:assert/strict';
import { documentLoader, DocumentNotAllowedError } from './documentLoader.ts';
import {
  bundledContexts,
  CLR_V2_CONTEXT,
  EXAMPLES_V1,
  EXAMPLES_V2,
  OB_V2_CONTEXT,
  OB_V3_CONTEXT,
  OB_V3_EXTENSIONS,
  STATUS_LIST_V1,
  VC_V2,
} from './contexts.ts';
import { jsonldCanonicalizer } from './proofs/canonicalize.ts';

test('the loader serves bundled contexts and did:key documents, and refuses every other URL', async () => {
  for (const url of [
    VC_V2,
    OB_V3_CONTEXT,
    OB_V3_EXTENSIONS,
    CLR_V2_CONTEXT,
    OB_V2_CONTEXT,
    STATUS_LIST_V1,
    'https://w3id.org/security/data-integrity/v2',
    'https://w3id.org/security/multikey/v1',
  ]) {
    assert.ok(bundledContexts.has(url), url);
    assert.equal((await documentLoader(url)).documentUrl, url);
  }
  const didKey = 'did:key:z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi';
  assert.equal(((await documentLoader(didKey)).document as { id: string }).id, didKey);
  for (const url of [
    'https://evil.example/context.json',
    'http://127.0.0.1:8080/ctx',
    'http://169.254.169.254/latest/meta-data',
    'file:///etc/passwd',
    'did:web:evil.example',
  ]) {
    await assert.rejects(
      documentLoader(url),
      (e: unknown) => e instanceof DocumentNotAllowedError && e.code === 'document_not_allowed',
      url,
    );
  }
});

test('a document naming an unknown context cannot be canonicalized (so it can never verify)', async () => {
  const doc = {
    '@context': [VC_V2, 'https://attacker.example/ctx.json'],
    type: ['VerifiableCredential'],
    credentialSubject: { id: 'did:example:1' },
  };
  await assert.rejects(
    jsonldCanonicalizer().canonize(doc),
    /attacker\.example|Refused|loading document failed/i,
  );
});

test('the W3C examples contexts (VC 2.0 and 2018, with the ODRL context it imports) canonicalize offline', async () => {
  const vc11 = {
    '@context': ['https://www.w3.org/2018/credentials/v1', EXAMPLES_V1],
    type: ['VerifiableCredential', 'UniversityDegreeCredential'],
    issuer: 'did:example:76e12ec712ebc6f1c221ebfeb1f',
    issuanceDate: '2010-01-01T19:23:24Z',
    credentialSubject: {
      id: 'did:example:ebfeb1f712ebc6f1c276e12ec21',
      degree: { type: 'BachelorDegree', name: 'Bachelor of Science and Arts' },
    },
  };
  assert.match(await jsonldCanonicalizer().canonize(vc11), /BachelorDegree/);
  const vc20 = {
    '@context': [VC_V2, EXAMPLES_V2],
    type: ['VerifiableCredential', 'ExampleDegreeCredential'],
    issuer: 'did:example:1',
    validFrom: '2010-01-01T19:23:24Z',
    credentialSubject: {
      id: 'did:example:2',
      degree: { type: 'ExampleBachelorDegree', name: 'Bachelor of Science and Arts' },
    },
  };
  assert.match(await jsonldCanonicalizer().canonize(vc20), /ExampleBachelorDegree/);
});
