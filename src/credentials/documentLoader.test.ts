import { test } from 'node:test';
import assert from 'node:assert/strict';
import { documentLoader, DocumentNotAllowedError } from './documentLoader.ts';
import { bundledContexts, CLR_V2_CONTEXT, OB_V2_CONTEXT, OB_V3_CONTEXT, OB_V3_EXTENSIONS, STATUS_LIST_V1, VC_V2 } from './contexts.ts';
import { jsonldCanonicalizer } from './proofs/canonicalize.ts';

test('the loader serves bundled contexts and did:key documents, and refuses every other URL', async () => {
  for (const url of [VC_V2, OB_V3_CONTEXT, OB_V3_EXTENSIONS, CLR_V2_CONTEXT, OB_V2_CONTEXT, STATUS_LIST_V1, 'https://w3id.org/security/data-integrity/v2', 'https://w3id.org/security/multikey/v1']) {
    assert.ok(bundledContexts.has(url), url);
    assert.equal((await documentLoader(url)).documentUrl, url);
  }
  const didKey = 'did:key:z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi';
  assert.equal(((await documentLoader(didKey)).document as { id: string }).id, didKey);
  for (const url of ['https://evil.example/context.json', 'http://127.0.0.1:8080/ctx', 'http://169.254.169.254/latest/meta-data', 'file:///etc/passwd', 'did:web:evil.example']) {
    await assert.rejects(documentLoader(url), (e: unknown) => e instanceof DocumentNotAllowedError && e.code === 'document_not_allowed', url);
  }
});

test('a document naming an unknown context cannot be canonicalized (so it can never verify)', async () => {
  const doc = { '@context': [VC_V2, 'https://attacker.example/ctx.json'], type: ['VerifiableCredential'], credentialSubject: { id: 'did:example:1' } };
  await assert.rejects(jsonldCanonicalizer().canonize(doc), /attacker\.example|Refused|loading document failed/i);
});
