import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { generateKeyPairSync } from 'node:crypto';
import {
  didWebToUrl,
  KeyResolutionError,
  resolveVerificationMethod,
  type KeyResolutionCode,
} from './didWeb.ts';
import { createSafeFetcher } from './safeFetch.ts';
import { generateEd25519 } from '../ed25519.ts';
import { didKeyFor } from '../didKey.ts';

const failsWith = (code: KeyResolutionCode, message?: RegExp) => (err: unknown) => {
  assert.ok(err instanceof KeyResolutionError, `expected KeyResolutionError, got ${String(err)}`);
  assert.equal(err.code, code, err.message);
  if (message) assert.match(err.message, message);
  return true;
};
const noFetch = async (url: string): Promise<unknown> => assert.fail(`no fetch expected (asked for ${url})`);
/** A fetchJson answering from a fixed table of URL → document. */
const table = (docs: Record<string, unknown>) => {
  const asked: string[] = [];
  const fetchJson = async (url: string) => {
    asked.push(url);
    if (!(url in docs)) throw new Error(`404 ${url}`);
    return structuredClone(docs[url]);
  };
  return { fetchJson, asked };
};

describe('didWebToUrl', () => {
  test('maps did:web DIDs to their document URLs', () => {
    assert.equal(didWebToUrl('did:web:example.com'), 'https://example.com/.well-known/did.json');
    assert.equal(didWebToUrl('did:web:example.com:orgs:union'), 'https://example.com/orgs/union/did.json');
    assert.equal(didWebToUrl('did:web:localhost%3A3000:orgs:x'), 'https://localhost:3000/orgs/x/did.json');
    assert.equal(
      didWebToUrl('did:web:w3c-ccg.github.io:user:alice'),
      'https://w3c-ccg.github.io/user/alice/did.json',
    );
    assert.equal(didWebToUrl('did:web:example.com%3a8443'), 'https://example.com:8443/.well-known/did.json');
    assert.equal(
      didWebToUrl('did:web:Badges.Example.ORG'),
      'https://badges.example.org/.well-known/did.json',
    );
    assert.equal(didWebToUrl('did:web:example.com:a%20b'), 'https://example.com/a%20b/did.json');
  });

  test('rejects malformed DIDs', () => {
    for (const did of [
      'did:key:z6Mkabc',
      'did:web:',
      'did:web',
      'web:example.com',
      'did:web:exa mple.com',
      'did:web:example.com%2Fevil',
      'did:web:user%40evil.com',
      'did:web:evil.com%23.example.com',
      'did:web:example.com:..:x',
      'did:web:example.com:.',
      'did:web:example.com::x',
      'did:web:example.com:',
      'did:web:example.com:a%2Fb',
      'did:web:example.com#key-1',
      'did:web:example.com?v=1',
      'did:web:example.com/x',
      'did:web:example.com%ZZ',
      'did:web:-bad.example',
      'did:web:bad-.example',
      'did:web:example..com',
      'did:web:.example.com',
      'did:web:example.com%3A99999',
      'did:web:example.com%3A0',
      'did:web:example.com%3A',
      'did:web:%5B%3A%3A1%5D',
      `did:web:${'a'.repeat(64)}.com`,
    ]) {
      assert.throws(() => didWebToUrl(did), failsWith('unsupported_method'), did);
    }
  });
});

describe('resolveVerificationMethod', () => {
  const a = generateEd25519();
  const b = generateEd25519();
  const c = generateEd25519();
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ format: 'jwk' });
  const did = 'did:web:badges.example.org:orgs:union';
  const didDoc = {
    '@context': ['https://www.w3.org/ns/did/v1'],
    id: did,
    verificationMethod: [
      { id: `${did}#k1`, type: 'Multikey', controller: did, publicKeyMultibase: a.publicKeyMultibase },
      {
        id: '#k2',
        type: 'Ed25519VerificationKey2020',
        controller: did,
        publicKeyMultibase: b.publicKeyMultibase,
      },
      {
        id: `${did}#jwk`,
        type: 'JsonWebKey2020',
        controller: did,
        publicKeyJwk: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(c.publicKeyBytes).toString('base64url') },
      },
      { id: `${did}#rsa`, type: 'JsonWebKey', controller: did, publicKeyJwk: rsa },
      { id: `${did}#auth-only`, type: 'Multikey', controller: did, publicKeyMultibase: a.publicKeyMultibase },
      {
        id: `${did}#revoked`,
        type: 'Multikey',
        controller: did,
        publicKeyMultibase: a.publicKeyMultibase,
        revoked: '2026-01-01T00:00:00Z',
      },
      {
        id: `${did}#someone-elses`,
        type: 'Multikey',
        controller: 'did:web:victim.example',
        publicKeyMultibase: a.publicKeyMultibase,
      },
      {
        id: `${did}#x25519`,
        type: 'JsonWebKey2020',
        controller: did,
        publicKeyJwk: { kty: 'OKP', crv: 'X25519', x: Buffer.from(c.publicKeyBytes).toString('base64url') },
      },
      {
        id: `${did}#short-x`,
        type: 'JsonWebKey2020',
        controller: did,
        publicKeyJwk: { kty: 'OKP', crv: 'Ed25519', x: 'AAAA' },
      },
      {
        id: `${did}#secp`,
        type: 'Multikey',
        controller: did,
        publicKeyMultibase: 'zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme',
      },
      {
        id: `${did}#ecdsa`,
        type: 'EcdsaSecp256k1VerificationKey2019',
        controller: did,
        publicKeyMultibase: a.publicKeyMultibase,
      },
      { id: `${did}#no-key`, type: 'Multikey', controller: did },
    ],
    assertionMethod: [
      `${did}#k1`,
      '#k2',
      `${did}#jwk`,
      `${did}#rsa`,
      `${did}#someone-elses`,
      `${did}#x25519`,
      `${did}#short-x`,
      `${did}#secp`,
      `${did}#ecdsa`,
      `${did}#no-key`,
    ],
    authentication: [`${did}#auth-only`],
  };

  let server: Server;
  let origin = '';
  const served: Record<string, { status?: number; type?: string; body: unknown }> = {
    '/orgs/union/did.json': { body: didDoc, type: 'application/did+json' },
    '/orgs/impostor/did.json': { body: { ...didDoc, id: 'did:web:badges.example.org:orgs:somebody-else' } },
    '/orgs/array/did.json': { body: [didDoc] },
    '/orgs/html/did.json': { body: '<html>', type: 'text/html' },
  };
  before(async () => {
    server = createServer((req, res) => {
      const entry = served[req.url ?? ''];
      if (!entry) return res.writeHead(404).end();
      res
        .writeHead(entry.status ?? 200, { 'content-type': entry.type ?? 'application/json' })
        .end(JSON.stringify(entry.body));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const address = server.address();
    origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  after(() => new Promise<void>((r) => server.close(() => r())));

  /** The real safe fetcher, opened only to the local server, with did:web documents mapped onto it. */
  const localDeps = () => ({
    fetchJson: createSafeFetcher({
      allowHttpForTests: true,
      allowAddress: (ip) => ip === '127.0.0.1',
      timeoutMs: 1000,
    }).fetchJson,
    didWebUrl: (d: string) => {
      const https = didWebToUrl(d);
      assert.ok(https.startsWith('https://badges.example.org/'), https);
      return `${origin}${new URL(https).pathname}`;
    },
  });

  test('did:key is resolved offline', async () => {
    const { did: keyDid, verificationMethod } = didKeyFor(a.publicKeyMultibase);
    assert.deepEqual(await resolveVerificationMethod(verificationMethod, { fetchJson: noFetch }), {
      id: verificationMethod,
      controller: keyDid,
      publicKeyMultibase: a.publicKeyMultibase,
    });
    assert.equal(
      (await resolveVerificationMethod(keyDid, { fetchJson: noFetch })).publicKeyMultibase,
      a.publicKeyMultibase,
    );
  });

  test('did:key errors: a fragment naming another key, or not an Ed25519 key', async () => {
    const { did: keyDid } = didKeyFor(a.publicKeyMultibase);
    await assert.rejects(
      resolveVerificationMethod(`${keyDid}#${b.publicKeyMultibase}`, { fetchJson: noFetch }),
      failsWith('not_found'),
    );
    await assert.rejects(
      resolveVerificationMethod('did:key:zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme', {
        fetchJson: noFetch,
      }),
      failsWith('unsupported_key_type'),
    );
    await assert.rejects(
      resolveVerificationMethod('did:key:not-a-key#x', { fetchJson: noFetch }),
      failsWith('unsupported_key_type'),
    );
  });

  test('did:web: a Multikey from a document served over the (local) network', async () => {
    const deps = localDeps();
    assert.deepEqual(await resolveVerificationMethod(`${did}#k1`, deps), {
      id: `${did}#k1`,
      controller: did,
      publicKeyMultibase: a.publicKeyMultibase,
    });
  });

  test('did:web: a relative #id and Ed25519VerificationKey2020', async () => {
    assert.equal(
      (await resolveVerificationMethod(`${did}#k2`, localDeps())).publicKeyMultibase,
      b.publicKeyMultibase,
    );
  });

  test('did:web: JsonWebKey2020 with an OKP Ed25519 JWK becomes a Multikey', async () => {
    const key = await resolveVerificationMethod(`${did}#jwk`, localDeps());
    assert.equal(key.publicKeyMultibase, c.publicKeyMultibase);
    assert.equal(key.publicKeyJwk, undefined);
  });

  test('did:web: an RSA JsonWebKey comes back as its public JWK only', async () => {
    const key = await resolveVerificationMethod(`${did}#rsa`, localDeps());
    assert.deepEqual(key.publicKeyJwk, { kty: 'RSA', n: rsa.n, e: rsa.e });
    assert.equal(key.publicKeyMultibase, undefined);
  });

  test('did:web: the controller is the DID whose document lists the key, never what the method claims', async () => {
    assert.equal((await resolveVerificationMethod(`${did}#someone-elses`, localDeps())).controller, did);
  });

  test('did:web: unknown, non-assertion and revoked methods', async () => {
    const deps = localDeps();
    await assert.rejects(resolveVerificationMethod(`${did}#nope`, deps), failsWith('not_found'));
    await assert.rejects(
      resolveVerificationMethod(`${did}#auth-only`, deps),
      failsWith('not_found', /assertion/),
    );
    await assert.rejects(resolveVerificationMethod(did, deps), failsWith('not_found'));
    assert.equal((await resolveVerificationMethod(`${did}#revoked`, deps)).revoked, true);
  });

  test('did:web: unsupported key types', async () => {
    const deps = localDeps();
    for (const frag of ['x25519', 'short-x', 'secp', 'ecdsa', 'no-key']) {
      await assert.rejects(
        resolveVerificationMethod(`${did}#${frag}`, deps),
        failsWith('unsupported_key_type'),
        frag,
      );
    }
  });

  test('did:web: documents of another DID, non-objects and failed fetches', async () => {
    const deps = localDeps();
    await assert.rejects(
      resolveVerificationMethod('did:web:badges.example.org:orgs:impostor#k1', deps),
      failsWith('not_found', /somebody-else/),
    );
    await assert.rejects(
      resolveVerificationMethod('did:web:badges.example.org:orgs:array#k1', deps),
      failsWith('not_found'),
    );
    await assert.rejects(
      resolveVerificationMethod('did:web:badges.example.org:orgs:missing#k1', deps),
      failsWith('fetch_failed', /bad_status/),
    );
    await assert.rejects(
      resolveVerificationMethod('did:web:badges.example.org:orgs:html#k1', deps),
      failsWith('fetch_failed', /bad_content_type/),
    );
  });

  test('did:web through the default mapping and a fetcher that refuses the address: fetch_failed naming the refusal', async () => {
    const refusing = createSafeFetcher({ lookup: async () => [{ address: '127.0.0.1', family: 4 }] });
    await assert.rejects(
      resolveVerificationMethod(`${did}#k1`, { fetchJson: refusing.fetchJson }),
      failsWith('fetch_failed', /address_not_allowed/),
    );
    const { fetchJson, asked } = table({});
    await assert.rejects(
      resolveVerificationMethod('did:web:example.com#key-1', { fetchJson }),
      failsWith('fetch_failed'),
    );
    assert.deepEqual(asked, ['https://example.com/.well-known/did.json']);
    await assert.rejects(
      resolveVerificationMethod('did:web:exa mple.com#key-1', { fetchJson: noFetch }),
      failsWith('unsupported_method'),
    );
  });

  test('unsupported methods are refused without fetching', async () => {
    for (const vm of [
      'did:ion:abc#1',
      'did:example:123#k',
      'http://issuer.example/keys#1',
      'urn:uuid:1234',
      'ftp://example.com/k',
      '',
    ]) {
      await assert.rejects(
        resolveVerificationMethod(vm, { fetchJson: noFetch }),
        failsWith('unsupported_method'),
        vm,
      );
    }
  });

  test('https: a method inside the controller document at the URL without fragment', async () => {
    const issuer = 'https://issuer.example/issuers/1';
    const { fetchJson, asked } = table({
      [issuer]: {
        id: issuer,
        verificationMethod: [
          {
            id: `${issuer}#key-1`,
            type: 'Multikey',
            controller: issuer,
            publicKeyMultibase: a.publicKeyMultibase,
          },
          {
            id: '#key-2',
            type: 'JsonWebKey2020',
            controller: issuer,
            publicKeyJwk: {
              kty: 'OKP',
              crv: 'Ed25519',
              x: Buffer.from(b.publicKeyBytes).toString('base64url'),
            },
          },
        ],
        assertionMethod: [`${issuer}#key-1`, '#key-2'],
      },
    });
    assert.deepEqual(await resolveVerificationMethod(`${issuer}#key-1`, { fetchJson }), {
      id: `${issuer}#key-1`,
      controller: issuer,
      publicKeyMultibase: a.publicKeyMultibase,
    });
    assert.equal(
      (await resolveVerificationMethod(`${issuer}#key-2`, { fetchJson })).publicKeyMultibase,
      b.publicKeyMultibase,
    );
    await assert.rejects(resolveVerificationMethod(`${issuer}#key-3`, { fetchJson }), failsWith('not_found'));
    assert.deepEqual([...new Set(asked)], [issuer]);
  });

  test('https: a document that IS the key, confirmed by its controller', async () => {
    const issuer = 'https://issuer.example/issuers/1';
    const keyUrl = 'https://issuer.example/keys/1';
    const { fetchJson, asked } = table({
      [keyUrl]: {
        id: keyUrl,
        type: 'Multikey',
        controller: issuer,
        publicKeyMultibase: a.publicKeyMultibase,
      },
      [issuer]: { id: issuer, assertionMethod: [keyUrl] },
    });
    assert.deepEqual(await resolveVerificationMethod(keyUrl, { fetchJson }), {
      id: keyUrl,
      controller: issuer,
      publicKeyMultibase: a.publicKeyMultibase,
    });
    assert.deepEqual(asked, [keyUrl, issuer]);
  });

  test('https: a key document cannot claim a controller that does not list it (no borrowed identity)', async () => {
    const victim = 'https://victim.example/issuer';
    const didVictim = 'did:web:victim.example';
    const keyUrl = 'https://attacker.example/key';
    const keyForDid = 'https://attacker.example/key-for-did';
    const { fetchJson } = table({
      [keyUrl]: {
        id: keyUrl,
        type: 'Multikey',
        controller: victim,
        publicKeyMultibase: a.publicKeyMultibase,
      },
      [keyForDid]: {
        id: keyForDid,
        type: 'Multikey',
        controller: didVictim,
        publicKeyMultibase: a.publicKeyMultibase,
      },
      [victim]: { id: victim, assertionMethod: ['https://victim.example/keys/1'] },
      'https://victim.example/.well-known/did.json': { id: didVictim, assertionMethod: [`${didVictim}#k1`] },
      'https://attacker.example/orphan': {
        id: 'https://attacker.example/orphan',
        type: 'Multikey',
        publicKeyMultibase: a.publicKeyMultibase,
      },
      'https://attacker.example/elsewhere': { id: 'https://attacker.example/other', verificationMethod: [] },
    });
    await assert.rejects(
      resolveVerificationMethod(keyUrl, { fetchJson }),
      failsWith('not_found', /does not list/),
    );
    await assert.rejects(
      resolveVerificationMethod(keyForDid, { fetchJson }),
      failsWith('not_found', /does not list/),
    );
    await assert.rejects(
      resolveVerificationMethod('https://attacker.example/orphan', { fetchJson }),
      failsWith('not_found', /no controller/),
    );
    await assert.rejects(
      resolveVerificationMethod('https://attacker.example/elsewhere#k', { fetchJson }),
      failsWith('not_found'),
    );
    await assert.rejects(
      resolveVerificationMethod('https://attacker.example/gone#k', { fetchJson }),
      failsWith('fetch_failed'),
    );
  });
});
