import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createSecureContext } from 'node:tls';
import {
  createSafeFetcher,
  FetchRefusedError,
  isPublicAddress,
  type FetchRefusal,
  type ResolvedAddress,
  type SafeFetchOptions,
} from './safeFetch.ts';

const refused = (code: FetchRefusal) => (err: unknown) => {
  assert.ok(err instanceof FetchRefusedError, `expected FetchRefusedError, got ${String(err)}`);
  assert.equal(err.code, code, err.message);
  return true;
};
const noLookup = async (host: string): Promise<ResolvedAddress[]> =>
  assert.fail(`no DNS lookup expected (asked for ${host})`);

describe('isPublicAddress', () => {
  test('refuses IPv4 loopback, private, link-local, unspecified, CGNAT, reserved, documentation and multicast', () => {
    for (const ip of [
      '127.0.0.1',
      '127.255.255.254',
      '10.0.0.0',
      '10.1.2.3',
      '10.255.255.255',
      '172.16.0.1',
      '172.31.255.255',
      '192.168.0.1',
      '192.168.255.255',
      '169.254.169.254',
      '169.254.0.1',
      '0.0.0.0',
      '0.1.2.3',
      '100.64.0.0',
      '100.100.100.100',
      '100.127.255.255',
      '192.0.0.8',
      '192.0.2.1',
      '198.18.0.1',
      '198.19.255.255',
      '198.51.100.7',
      '203.0.113.9',
      '224.0.0.1',
      '239.255.255.250',
      '240.0.0.1',
      '255.255.255.255',
    ])
      assert.equal(isPublicAddress(ip), false, ip);
  });

  test('allows public IPv4, right up to the edges of the blocked ranges', () => {
    for (const ip of [
      '8.8.8.8',
      '1.1.1.1',
      '93.184.216.34',
      '11.0.0.1',
      '9.255.255.255',
      '126.255.255.255',
      '128.0.0.1',
      '172.15.255.255',
      '172.32.0.1',
      '192.167.255.255',
      '192.169.0.1',
      '169.253.255.255',
      '169.255.0.1',
      '100.63.255.255',
      '100.128.0.0',
      '198.17.255.255',
      '198.20.0.0',
      '223.255.255.255',
    ]) {
      assert.equal(isPublicAddress(ip), true, ip);
    }
  });

  test('refuses IPv6 loopback, unspecified, unique-local, link-local, site-local, multicast and special ranges', () => {
    for (const ip of [
      '::1',
      '0:0:0:0:0:0:0:1',
      '::',
      '0:0:0:0:0:0:0:0',
      'fc00::1',
      'fd12:3456:789a::1',
      'fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff',
      'fe80::1',
      'febf::1',
      'fe80::1%eth0',
      'fec0::1',
      'ff02::1',
      'ff05::1:3',
      '100::1',
      '2001:db8::1',
      '2001::1',
      '2001:0:4136:e378:8000:63bf:3fff:fdd2',
      '2001:10::1',
      '2001:20::1',
      '3fff::1',
      '64:ff9b:1::1',
      '1fff::1',
      '4000::1',
    ])
      assert.equal(isPublicAddress(ip), false, ip);
  });

  test('judges IPv4-mapped, -translated, -compatible, NAT64 and 6to4 forms by the IPv4 address inside', () => {
    for (const ip of [
      '::ffff:127.0.0.1',
      '::FFFF:127.0.0.1',
      '::ffff:7f00:1',
      '0:0:0:0:0:ffff:7f00:1',
      '0:0:0:0:0:ffff:127.0.0.1',
      '::ffff:10.0.0.1',
      '::ffff:a00:1',
      '::ffff:169.254.169.254',
      '::ffff:a9fe:a9fe',
      '::ffff:192.168.1.1',
      '::ffff:100.64.0.1',
      '::ffff:0.0.0.0',
      '::ffff:224.0.0.1',
      '::ffff:0:127.0.0.1',
      '::ffff:0:7f00:1',
      '::127.0.0.1',
      '::7f00:1',
      '::8.8.8.8',
      '64:ff9b::127.0.0.1',
      '64:ff9b::a00:1',
      '2002:7f00:1::1',
      '2002:a00:1::',
      '2002:c0a8:101::1',
    ])
      assert.equal(isPublicAddress(ip), false, ip);
    for (const ip of ['::ffff:8.8.8.8', '::ffff:808:808', '64:ff9b::8.8.8.8', '2002:808:808::1'])
      assert.equal(isPublicAddress(ip), true, ip);
  });

  test('allows global unicast IPv6', () => {
    for (const ip of [
      '2606:4700::1111',
      '2a00:1450:4001:80b::200e',
      '2001:4860:4860::8888',
      '2620:fe::fe',
      '2400:cb00::1',
    ])
      assert.equal(isPublicAddress(ip), true, ip);
  });

  test('refuses anything that is not an IP address', () => {
    for (const ip of [
      '',
      'localhost',
      'example.com',
      '1.2.3',
      '256.1.1.1',
      '127.0.0.1.',
      '::g',
      '[::1]',
      ' 8.8.8.8',
      '0x7f.0.0.1',
      '2130706433',
    ])
      assert.equal(isPublicAddress(ip), false, ip);
  });
});

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** A plain-HTTP test server on a loopback address, counting connections and requests. */
async function startServer(routes: Record<string, Handler>, host = '127.0.0.1') {
  const state = { connections: 0, hits: {} as Record<string, number>, hosts: [] as string[] };
  const server: Server = createServer((req, res) => {
    const path = req.url ?? '/';
    state.hits[path] = (state.hits[path] ?? 0) + 1;
    state.hosts.push(req.headers.host ?? '');
    const route = routes[path];
    if (route) route(req, res);
    else res.writeHead(404, { 'content-type': 'application/json' }).end('{}');
  });
  server.on('connection', () => state.connections++);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, resolve);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    server,
    state,
    port,
    origin: `http://${host}:${port}`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

const json =
  (body: unknown, type = 'application/json'): Handler =>
  (_req, res) => {
    res.writeHead(200, { 'content-type': type }).end(JSON.stringify(body));
  };
const redirect =
  (location: string, status = 302): Handler =>
  (_req, res) => {
    res.writeHead(status, { location }).end();
  };

describe('createSafeFetcher', () => {
  let srv: Awaited<ReturnType<typeof startServer>>;
  const pending = new Set<ServerResponse>();
  const stall: Handler = (_req, res) => {
    pending.add(res);
  };
  before(async () => {
    srv = await startServer({
      '/doc': json({ ok: true }),
      '/did': json({ id: 'did:web:x' }, 'application/did+json'),
      '/ld': json({ ld: 1 }, 'application/ld+json; charset=utf-8'),
      '/vc': json({ vc: 1 }, 'application/vc+ld+json'),
      '/untyped': (_req, res) => res.writeHead(200).end('{"untyped":true}'),
      '/html': json('<html>', 'text/html'),
      '/text': json({ a: 1 }, 'text/plain'),
      '/broken': (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"a":'),
      '/big-chunked': (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write(`{"pad":"${'x'.repeat(600)}`);
        res.end(`${'y'.repeat(600)}"}`);
      },
      '/big-declared': (_req, res) =>
        res
          .writeHead(200, { 'content-type': 'application/json', 'content-length': '5000' })
          .end(`"${'x'.repeat(4998)}"`),
      '/exact': (_req, res) =>
        res.writeHead(200, { 'content-type': 'application/json' }).end(`"${'x'.repeat(998)}"`),
      '/no-headers': stall,
      '/slow-body': (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"partial":');
        pending.add(res);
      },
      '/missing': (_req, res) => res.writeHead(404).end(),
      '/error': (_req, res) => res.writeHead(500, { 'content-type': 'application/json' }).end('{}'),
      '/no-location': (_req, res) => res.writeHead(302).end(),
      '/hop': redirect('/doc', 301),
      '/hop3': redirect('/hop2', 307),
      '/hop2': redirect('/hop1', 308),
      '/hop1': redirect('/doc', 303),
      '/hop4': redirect('/hop3'),
      '/loop': redirect('/loop'),
      '/to-private': redirect('http://10.0.0.1/x'),
      '/to-metadata': redirect('http://169.254.169.254/latest/meta-data/'),
      '/to-v6-loopback': redirect('http://[::1]/x'),
      '/to-internal-name': redirect('http://internal.corp/admin'),
      '/to-file': redirect('file:///etc/passwd'),
      '/counted': json({ n: 1 }),
      '/a': json({ a: 1 }),
      '/b': json({ b: 1 }),
      '/c': json({ c: 1 }),
      '/later-404': (_req, res) => res.writeHead(404).end(),
    });
  });
  after(async () => {
    for (const res of pending) res.destroy();
    await srv.close();
  });

  /** A fetcher allowed to reach only the test server on 127.0.0.1 over http. */
  const local = (extra: SafeFetchOptions = {}) =>
    createSafeFetcher({
      allowHttpForTests: true,
      allowAddress: (ip) => ip === '127.0.0.1',
      timeoutMs: 5000,
      maxBytes: 1000,
      lookup: noLookup,
      ...extra,
    });

  test('a hostname resolving to a non-public address is refused before any connection', async () => {
    const before = srv.state.connections;
    for (const address of [
      '127.0.0.1',
      '10.1.2.3',
      '169.254.169.254',
      '192.168.1.10',
      '100.64.1.1',
      '0.0.0.0',
      '::1',
      'fd00::1',
      'fe80::1',
      '::ffff:127.0.0.1',
    ]) {
      const lookup = async () => [{ address, family: address.includes(':') ? 6 : 4 }];
      const f = createSafeFetcher({ lookup });
      await assert.rejects(
        f.fetchJson(`https://innocent.example:${srv.port}/doc`),
        refused('address_not_allowed'),
        address,
      );
    }
    assert.equal(srv.state.connections, before, 'nothing connected to the loopback server');
  });

  test('every resolved address is checked: one private answer among public ones refuses the host', async () => {
    const lookup = async () => [
      { address: '93.184.216.34', family: 4 },
      { address: '127.0.0.1', family: 4 },
    ];
    await assert.rejects(
      createSafeFetcher({ lookup }).fetchJson('https://rebind.example/x'),
      refused('address_not_allowed'),
    );
    const lookup6 = async () => [
      { address: '2606:4700::1111', family: 6 },
      { address: '::1', family: 6 },
    ];
    await assert.rejects(
      createSafeFetcher({ lookup: lookup6 }).fetchJson('https://rebind.example/x'),
      refused('address_not_allowed'),
    );
  });

  test('literal IP hostnames in blocked ranges are refused without DNS, in every spelling the URL parser accepts', async () => {
    const before = srv.state.connections;
    const f = createSafeFetcher({ lookup: noLookup });
    for (const url of [
      `https://127.0.0.1:${srv.port}/doc`,
      `https://[::1]:${srv.port}/doc`,
      'https://10.0.0.8/x',
      'https://169.254.169.254/latest/meta-data/',
      'https://[::ffff:127.0.0.1]/x',
      'https://[::ffff:7f00:1]/x',
      'https://[fe80::1]/x',
      'https://0.0.0.0/x',
      'https://2130706433/x',
      'https://0x7f.1/x',
      'https://017700000001/x',
      'https://127.1/x',
    ]) {
      await assert.rejects(f.fetchJson(url), refused('address_not_allowed'), url);
    }
    assert.equal(srv.state.connections, before);
  });

  test('only https: http and other schemes are refused unless a test opens http', async () => {
    const f = createSafeFetcher({ lookup: noLookup });
    const before = srv.state.connections;
    for (const url of [
      `${srv.origin}/doc`,
      'http://example.com/did.json',
      'file:///etc/passwd',
      'ftp://example.com/x',
      'data:application/json,{}',
      'gopher://example.com/',
      'not a url',
      '',
    ]) {
      await assert.rejects(f.fetchJson(url), refused('scheme_not_allowed'), url);
    }
    assert.equal(srv.state.connections, before);
  });

  test('allowHttpForTests alone does not reach loopback: only the allowAddress override does', async () => {
    await assert.rejects(
      createSafeFetcher({ allowHttpForTests: true }).fetchJson(`${srv.origin}/doc`),
      refused('address_not_allowed'),
    );
    assert.deepEqual(await local().fetchJson(`${srv.origin}/doc`), { ok: true });
  });

  test('accepts JSON, DID, JSON-LD and other +json content types, or none', async () => {
    const f = local();
    assert.deepEqual(await f.fetchJson(`${srv.origin}/did`), { id: 'did:web:x' });
    assert.deepEqual(await f.fetchJson(`${srv.origin}/ld`), { ld: 1 });
    assert.deepEqual(await f.fetchJson(`${srv.origin}/vc`), { vc: 1 });
    assert.deepEqual(await f.fetchJson(`${srv.origin}/untyped`), { untyped: true });
  });

  test('refuses other content types, bad statuses and invalid JSON', async () => {
    const f = local();
    await assert.rejects(f.fetchJson(`${srv.origin}/html`), refused('bad_content_type'));
    await assert.rejects(f.fetchJson(`${srv.origin}/text`), refused('bad_content_type'));
    await assert.rejects(f.fetchJson(`${srv.origin}/missing`), refused('bad_status'));
    await assert.rejects(f.fetchJson(`${srv.origin}/error`), refused('bad_status'));
    await assert.rejects(f.fetchJson(`${srv.origin}/no-location`), refused('bad_status'));
    await assert.rejects(f.fetchJson(`${srv.origin}/broken`), refused('invalid_json'));
  });

  test('the size limit aborts streamed and declared bodies; a body at the limit passes', async () => {
    const f = local();
    await assert.rejects(f.fetchJson(`${srv.origin}/big-chunked`), refused('too_large'));
    await assert.rejects(f.fetchJson(`${srv.origin}/big-declared`), refused('too_large'));
    assert.equal(((await f.fetchJson(`${srv.origin}/exact`)) as string).length, 998);
  });

  test('times out on a server that never answers, one that stalls mid-body, and a DNS lookup that hangs', async () => {
    const f = local({ timeoutMs: 150 });
    const started = Date.now();
    await assert.rejects(f.fetchJson(`${srv.origin}/no-headers`), refused('timeout'));
    await assert.rejects(f.fetchJson(`${srv.origin}/slow-body`), refused('timeout'));
    const hanging = createSafeFetcher({
      timeoutMs: 150,
      lookup: () => new Promise<ResolvedAddress[]>(() => undefined),
    });
    await assert.rejects(hanging.fetchJson('https://slow-dns.example/x'), refused('timeout'));
    assert.ok(Date.now() - started < 2000, 'each gave up near its limit');
  });

  test('DNS failures are dns_failed', async () => {
    const failing = createSafeFetcher({
      lookup: async () =>
        Promise.reject(
          Object.assign(new Error('getaddrinfo ENOTFOUND nowhere.example'), { code: 'ENOTFOUND' }),
        ),
    });
    await assert.rejects(failing.fetchJson('https://nowhere.example/x'), refused('dns_failed'));
    await assert.rejects(
      createSafeFetcher({ lookup: async () => [] }).fetchJson('https://empty.example/x'),
      refused('dns_failed'),
    );
  });

  test('redirects are followed up to 3 hops, with every status that redirects', async () => {
    const f = local();
    assert.deepEqual(await f.fetchJson(`${srv.origin}/hop`), { ok: true });
    assert.deepEqual(await f.fetchJson(`${srv.origin}/hop3`), { ok: true }); // 307 → 308 → 303 → /doc
    await assert.rejects(f.fetchJson(`${srv.origin}/hop4`), refused('too_many_redirects'));
    await assert.rejects(f.fetchJson(`${srv.origin}/loop`), refused('too_many_redirects'));
  });

  test('every redirect hop is checked again: private, metadata, loopback and file targets are refused', async () => {
    const lookups: string[] = [];
    const f = local({
      lookup: async (host) => {
        lookups.push(host);
        return [{ address: '10.20.30.40', family: 4 }];
      },
    });
    await assert.rejects(f.fetchJson(`${srv.origin}/to-private`), refused('address_not_allowed'));
    await assert.rejects(f.fetchJson(`${srv.origin}/to-metadata`), refused('address_not_allowed'));
    await assert.rejects(f.fetchJson(`${srv.origin}/to-v6-loopback`), refused('address_not_allowed'));
    await assert.rejects(f.fetchJson(`${srv.origin}/to-internal-name`), refused('address_not_allowed'));
    assert.deepEqual(lookups, ['internal.corp']);
    await assert.rejects(f.fetchJson(`${srv.origin}/to-file`), refused('scheme_not_allowed'));
  });

  test('answers are cached per URL: a second fetch does not reach the server', async () => {
    const f = local();
    const before = srv.state.hits['/counted'] ?? 0;
    assert.deepEqual(await f.fetchJson(`${srv.origin}/counted`), { n: 1 });
    assert.deepEqual(await f.fetchJson(`${srv.origin}/counted`), { n: 1 });
    assert.equal((srv.state.hits['/counted'] ?? 0) - before, 1);
  });

  test('cached answers are copies: a caller mutating one does not change the next', async () => {
    const f = local();
    const first = (await f.fetchJson(`${srv.origin}/a`)) as { a: number };
    first.a = 666;
    assert.deepEqual(await f.fetchJson(`${srv.origin}/a`), { a: 1 });
  });

  test('the cache expires after its TTL, keeps at most maxEntries, and never keeps failures', async () => {
    let clock = 1_000_000;
    const f = local({ cacheTtlMs: 1000, maxEntries: 2, now: () => clock });
    const hits = (p: string) => srv.state.hits[p] ?? 0;
    const b0 = hits('/b');
    await f.fetchJson(`${srv.origin}/b`);
    clock += 999;
    await f.fetchJson(`${srv.origin}/b`);
    assert.equal(hits('/b') - b0, 1, 'still fresh');
    clock += 2;
    await f.fetchJson(`${srv.origin}/b`);
    assert.equal(hits('/b') - b0, 2, 'expired and fetched again');

    const c0 = hits('/c');
    const d0 = hits('/doc');
    await f.fetchJson(`${srv.origin}/c`); // cache: b, c
    await f.fetchJson(`${srv.origin}/doc`); // evicts b
    await f.fetchJson(`${srv.origin}/c`);
    await f.fetchJson(`${srv.origin}/doc`);
    assert.equal(hits('/c') - c0, 1);
    assert.equal(hits('/doc') - d0, 1);
    await f.fetchJson(`${srv.origin}/b`);
    assert.equal(hits('/b') - b0, 3, 'b was evicted');

    const m0 = hits('/later-404');
    await assert.rejects(f.fetchJson(`${srv.origin}/later-404`), refused('bad_status'));
    await assert.rejects(f.fetchJson(`${srv.origin}/later-404`), refused('bad_status'));
    assert.equal(hits('/later-404') - m0, 2);
  });

  test('concurrent fetches of one URL share a single request', async () => {
    const f = local();
    const before = srv.state.hits['/did'] ?? 0;
    const answers = await Promise.all([1, 2, 3].map(() => f.fetchJson(`${srv.origin}/did`)));
    assert.deepEqual(answers, [{ id: 'did:web:x' }, { id: 'did:web:x' }, { id: 'did:web:x' }]);
    assert.equal((srv.state.hits['/did'] ?? 0) - before, 1);
  });
});

/** A self-signed test-only certificate for "localhost" (Ed25519, valid to 2126); nothing trusts it. */
const TEST_TLS = {
  key: `-----BEGIN PRIVATE KEY-----
MC4CAQAwBQYDK2VwBCIEIIItJJk8uZPVpGjz3ObUrXpOjOY3y7YH0a3+9r9wpPFa
-----END PRIVATE KEY-----
`,
  cert: `-----BEGIN CERTIFICATE-----
MIIBVTCCAQegAwIBAgIUW1FQh60JAVoDZoU/l0djr1ds78YwBQYDK2VwMBQxEjAQ
BgNVBAMMCWxvY2FsaG9zdDAgFw0yNjExMjQwNjE4MzdaGA8yMTI2MTAzMTA2MTgz
N1owFDESMBAGA1UEAwwJbG9jYWxob3N0MCowBQYDK2VwAyEA3BLwXAB6tcX/sZZl
4l4gQZNT+nGMK8nj4js8geR6MimjaTBnMB0GA1UdDgQWBBSztgN3A+ELNb8L1rzV
4uv9YdKLEjAfBgNVHSMEGDAWgBSztgN3A+ELNb8L1rzV4uv9YdKLEjAPBgNVHRMB
Af8EBTADAQH/MBQGA1UdEQQNMAuCCWxvY2FsaG9zdDAFBgMrZXADQQBdmoL8P9Rd
rI1xn9SZWFS050C+i1LJgfvUfIGpeH8Qa/WVN6grMJ8XGPIFZzbn4M+nvpnNS+oT
FtnZhHMKZYkO
-----END CERTIFICATE-----
`,
};

describe('createSafeFetcher over https', () => {
  test('keeps the host name for SNI and certificate checks while connecting to the checked address; an untrusted certificate is refused', async () => {
    const sni: string[] = [];
    let requests = 0;
    const server = createHttpsServer(
      {
        ...TEST_TLS,
        SNICallback: (name, cb) => {
          sni.push(name);
          cb(null, createSecureContext(TEST_TLS));
        },
      },
      (_req, res) => {
        requests++;
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      },
    );
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      const f = createSafeFetcher({
        allowAddress: (ip) => ip === '127.0.0.1',
        lookup: async () => [{ address: '127.0.0.1', family: 4 }],
      });
      await assert.rejects(
        f.fetchJson(`https://localhost:${port}/did.json`),
        (err: unknown) =>
          refused('connect_failed')(err) && /self-signed|certificate/i.test((err as Error).message),
      );
      assert.deepEqual(sni, ['localhost']);
      assert.equal(requests, 0, 'no request was sent over the untrusted connection');
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});

describe('createSafeFetcher pins the checked address', () => {
  // A second server on 127.0.0.2 that the name "localhost" does NOT resolve to in /etc/hosts: reaching
  // it through "localhost" proves the connection used the checked (injected) address, not a new lookup.
  let srv: Awaited<ReturnType<typeof startServer>> | undefined;
  before(async () => {
    try {
      srv = await startServer({ '/doc': json({ pinned: true }) }, '127.0.0.2');
    } catch {
      srv = undefined; // not every OS routes all of 127/8 to loopback
    }
  });
  after(async () => {
    await srv?.close();
  });

  test('connects to the checked address while keeping the host name for Host (and SNI)', async (t) => {
    if (!srv) return t.skip('127.0.0.2 is not available here');
    const lookups: string[] = [];
    const f = createSafeFetcher({
      allowHttpForTests: true,
      allowAddress: (ip) => ip === '127.0.0.2',
      cacheTtlMs: 0,
      lookup: async (host) => {
        lookups.push(host);
        return [{ address: '127.0.0.2', family: 4 }];
      },
    });
    assert.deepEqual(await f.fetchJson(`http://localhost:${srv.port}/doc`), { pinned: true });
    assert.deepEqual(lookups, ['localhost'], 'one lookup, ours');
    assert.equal(srv.state.hosts.at(-1), `localhost:${srv.port}`);
  });

  test('DNS rebinding gets nowhere: each fetch connects only where its own check passed', async (t) => {
    if (!srv) return t.skip('127.0.0.2 is not available here');
    const answers = ['127.0.0.2', '10.0.0.1'];
    let calls = 0;
    const f = createSafeFetcher({
      allowHttpForTests: true,
      allowAddress: (ip) => ip === '127.0.0.2',
      cacheTtlMs: 0,
      lookup: async () => [{ address: answers[Math.min(calls++, answers.length - 1)]!, family: 4 }],
    });
    const before = srv.state.connections;
    assert.deepEqual(await f.fetchJson(`http://localhost:${srv.port}/doc`), { pinned: true });
    assert.equal(calls, 1, 'the connection did not look the name up again');
    await assert.rejects(f.fetchJson(`http://localhost:${srv.port}/doc`), refused('address_not_allowed'));
    assert.equal(srv.state.connections - before, 1);
  });
});
