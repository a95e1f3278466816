import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { createSafeFetcher, FetchRefusedError, isPublicAddress } from './safeFetch.ts';
import { didWebToUrl, KeyResolutionError, resolveVerificationMethod } from './didWeb.ts';
import { generateEd25519 } from '../ed25519.ts';
import { didKeyFor } from '../didKey.ts';

const refused = (code: string) => (err: unknown) => err instanceof FetchRefusedError && err.code === code;

describe('isPublicAddress', () => {
  test('refuses loopback, private, link-local, CGNAT, reserved and mapped forms; allows public', () => {
    for (const ip of ['127.0.0.1', '127.1.2.3', '10.0.0.1', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '224.0.0.1', '255.255.255.255', '::1', '::', 'fc00::1', 'fd12:3456::1', 'fe80::1', '::ffff:127.0.0.1', '::ffff:10.0.0.1', '::ffff:7f00:1', 'not an ip']) {
      assert.equal(isPublicAddress(ip), false, ip);
    }
    for (const ip of ['93.184.216.34', '8.8.8.8', '172.32.0.1', '2606:4700::1111', '::ffff:8.8.8.8']) assert.equal(isPublicAddress(ip), true, ip);
  });
});

describe('the SSRF-safe fetcher', () => {
  let server: Server;
  let port = 0;
  let hits = 0;
  before(async () => {
    server = createServer((req, res) => {
      hits++;
      if (req.url === '/doc') return res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      if (req.url === '/big') return res.writeHead(200, { 'content-type': 'application/json' }).end(`{"pad":"${'x'.repeat(5000)}"}`);
      if (req.url === '/html') return res.writeHead(200, { 'content-type': 'text/html' }).end('<html>');
      if (req.url === '/slow') return setTimeout(() => res.writeHead(200).end('{}'), 500);
      if (req.url === '/to-private') return res.writeHead(302, { location: 'http://10.0.0.1/secret' }).end();
      if (req.url === '/loop') return res.writeHead(302, { location: '/loop' }).end();
      if (req.url === '/hop') return res.writeHead(301, { location: '/doc' }).end();
      res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const address = server.address();
    port = typeof address === 'object' && address ? address.port : 0;
  });
  after(() => new Promise<void>((r) => server.close(() => r())));

  const local = () => createSafeFetcher({ allowHttpForTests: true, allowAddress: (ip) => ip === '127.0.0.1', timeoutMs: 200, maxBytes: 1000 });

  test('a hostname resolving to 127.0.0.1 or 10.x is refused before any connection', async () => {
    const before = hits;
    for (const address of ['127.0.0.1', '10.1.2.3', '::1']) {
      const f = createSafeFetcher({ lookup: async () => [{ address, family: address.includes(':') ? 6 : 4 }] });
      await assert.rejects(f.fetchJson('https://innocent.example/did.json'), refused('address_not_allowed'));
    }
    const mixed = createSafeFetcher({ lookup: async () => [{ address: '93.184.216.34', family: 4 }, { address: '127.0.0.1', family: 4 }] });
    await assert.rejects(mixed.fetchJson('https://rebind.example/x'), refused('address_not_allowed'));
    await assert.rejects(createSafeFetcher().fetchJson('https://127.0.0.1/x'), refused('address_not_allowed'));
    await assert.rejects(createSafeFetcher().fetchJson('https://[::1]/x'), refused('address_not_allowed'));
    await assert.rejects(createSafeFetcher().fetchJson('https://10.0.0.8/x'), refused('address_not_allowed'));
    assert.equal(hits, before, 'nothing reached the local server');
  });

  test('only https, unless a test opens http for its own server', async () => {
    await assert.rejects(createSafeFetcher().fetchJson(`http://127.0.0.1:${port}/doc`), refused('scheme_not_allowed'));
    await assert.rejects(createSafeFetcher().fetchJson('file:///etc/passwd'), refused('scheme_not_allowed'));
    assert.deepEqual(await local().fetchJson(`http://127.0.0.1:${port}/doc`), { ok: true });
  });

  test('size, time, content type and redirects are limited; a redirect to a private address is refused', async () => {
    const f = local();
    await assert.rejects(f.fetchJson(`http://127.0.0.1:${port}/big`), refused('too_large'));
    await assert.rejects(f.fetchJson(`http://127.0.0.1:${port}/slow`), refused('timeout'));
    await assert.rejects(f.fetchJson(`http://127.0.0.1:${port}/html`), refused('bad_content_type'));
    await assert.rejects(f.fetchJson(`http://127.0.0.1:${port}/missing`), refused('bad_status'));
    await assert.rejects(f.fetchJson(`http://127.0.0.1:${port}/to-private`), refused('address_not_allowed'));
    await assert.rejects(f.fetchJson(`http://127.0.0.1:${port}/loop`), refused('too_many_redirects'));
    assert.deepEqual(await f.fetchJson(`http://127.0.0.1:${port}/hop`), { ok: true });
  });

  test('answers are cached', async () => {
    const f = local();
    const before = hits;
    await f.fetchJson(`http://127.0.0.1:${port}/doc`);
    await f.fetchJson(`http://127.0.0.1:${port}/doc`);
    assert.equal(hits - before, 1);
  });

  test('did:web documents are resolved to their keys (JWK and Multikey), and only assertion methods count', async () => {
    const a = generateEd25519();
    const b = generateEd25519();
    const did = 'did:web:badges.example.org:orgs:union';
    const doc = {
      id: did,
      verificationMethod: [
        { id: `${did}#k1`, type: 'Multikey', controller: did, publicKeyMultibase: a.publicKeyMultibase },
        { id: '#k2', type: 'JsonWebKey2020', controller: did, publicKeyJwk: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(b.publicKeyBytes).toString('base64url') } },
        { id: `${did}#k3`, type: 'Multikey', controller: did, publicKeyMultibase: a.publicKeyMultibase },
      ],
      assertionMethod: [`${did}#k1`, '#k2'],
    };
    const fetchJson = async (url: string) => {
      assert.equal(url, 'https://badges.example.org/orgs/union/did.json');
      return doc;
    };
    assert.equal((await resolveVerificationMethod(`${did}#k1`, { fetchJson })).publicKeyMultibase, a.publicKeyMultibase);
    assert.equal((await resolveVerificationMethod(`${did}#k2`, { fetchJson })).publicKeyMultibase, b.publicKeyMultibase);
    await assert.rejects(resolveVerificationMethod(`${did}#k3`, { fetchJson }), (e: unknown) => e instanceof KeyResolutionError && e.code === 'not_found');
    const { verificationMethod } = didKeyFor(a.publicKeyMultibase);
    assert.equal((await resolveVerificationMethod(verificationMethod, { fetchJson: async () => assert.fail('no fetch for did:key') })).publicKeyMultibase, a.publicKeyMultibase);
    await assert.rejects(resolveVerificationMethod('did:ion:abc#1', { fetchJson }), (e: unknown) => e instanceof KeyResolutionError && e.code === 'unsupported_method');
    const refusing = createSafeFetcher({ lookup: async () => [{ address: '127.0.0.1', family: 4 }] });
    await assert.rejects(resolveVerificationMethod(`${did}#k1`, { fetchJson: refusing.fetchJson }), (e: unknown) => e instanceof KeyResolutionError && e.code === 'fetch_failed' && /address_not_allowed/.test(e.message));
  });

  test('did:web to URL', () => {
    assert.equal(didWebToUrl('did:web:example.com'), 'https://example.com/.well-known/did.json');
    assert.equal(didWebToUrl('did:web:example.com:orgs:union'), 'https://example.com/orgs/union/did.json');
    assert.equal(didWebToUrl('did:web:localhost%3A3000:orgs:x'), 'https://localhost:3000/orgs/x/did.json');
    assert.throws(() => didWebToUrl('did:key:z6Mk'), KeyResolutionError);
    assert.throws(() => didWebToUrl('did:web:exa mple.com'), KeyResolutionError);
  });
});
