import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { testBackends } from '../../../testing/databases.ts';
import { TestBrowser, testApp, testCredentialServices } from '../../../testing/http.ts';
import { addMember, buildOrganisation, buildUser } from '../../../testing/factories.ts';
import { issueCredential } from '../../issuing/commands/issueCredential.ts';
import { bakePng, bakeSvg } from '../../../credentials/baking/index.ts';
import { generateEd25519 } from '../../../credentials/ed25519.ts';
import { didKeyFor } from '../../../credentials/didKey.ts';
import { signEddsaRdfc2022 } from '../../../credentials/proofs/eddsaRdfc2022.ts';

/*
 * Fuzzing the verifiers (seeded: CAIRN_FUZZ_SEED to replay): arbitrary JSON, genuine credentials
 * with their signed content mutated, and random bytes as badge images, over POST
 * /credentials/verify, POST /presentations/verify and the /verify page (paste and upload).
 * Never a 5xx, never an unhandled rejection, never a connection beyond loopback, bounded heap
 * growth, and never `verified: true` for a credential whose signed content changed.
 */
const SEED = Number(process.env.CAIRN_FUZZ_SEED ?? 20261124);
type Json = Record<string, unknown>;

// Only this test counts connections: every TCP connection attempt, by host.
const outbound: string[] = [];
const originalConnect = net.Socket.prototype.connect;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
before(() => {
  process.on('unhandledRejection', onUnhandled);
  net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
    const first = args[0] as { host?: string; path?: string } | number | string;
    const host =
      typeof first === 'object' && first !== null
        ? first.path
          ? 'unix'
          : (first.host ?? 'localhost')
        : typeof args[1] === 'string'
          ? args[1]
          : 'localhost';
    if (!['127.0.0.1', '::1', 'localhost', 'unix'].includes(host)) outbound.push(host);
    return (originalConnect as (...a: unknown[]) => net.Socket).apply(this, args);
  } as typeof net.Socket.prototype.connect;
});
after(() => {
  process.off('unhandledRejection', onUnhandled);
  net.Socket.prototype.connect = originalConnect;
});

v8.setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const heapUsed = () => {
  gc();
  return process.memoryUsage().heapUsed;
};

const NUL = '\u0000';

/** Paths to every value of a JSON document (outside @context), for mutations. */
function paths(node: unknown, at: Array<string | number> = []): Array<Array<string | number>> {
  if (Array.isArray(node)) return [at, ...node.flatMap((v, i) => paths(v, [...at, i]))];
  if (node && typeof node === 'object')
    return [at, ...Object.entries(node).flatMap(([k, v]) => (k === '@context' ? [] : paths(v, [...at, k])))];
  return [at];
}
const getAt = (doc: unknown, path: Array<string | number>) =>
  path.reduce<unknown>((n, k) => (n as Record<string | number, unknown>)[k], doc);
function setAt(doc: Json, path: Array<string | number>, value: unknown): Json {
  const copy = structuredClone(doc);
  if (path.length === 0) return copy;
  const parent = getAt(copy, path.slice(0, -1)) as Record<string | number, unknown>;
  if (value === undefined) {
    if (Array.isArray(parent)) parent.splice(path.at(-1) as number, 1);
    else delete parent[path.at(-1)!];
  } else parent[path.at(-1)!] = value;
  return copy;
}
function deep(depth: number): unknown {
  let v: unknown = 'bottom';
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { n: v };
  return v;
}

/** A replacement that certainly changes the value at a path (never an equal or one-item-array form). */
const replacement = (original: unknown) =>
  fc
    .oneof(
      fc.string({ maxLength: 40 }),
      fc.string({ maxLength: 10 }).map((s) => `${s}${NUL}${s}`),
      fc.integer({ min: 1000, max: 200_000 }).map((n) => 'z'.repeat(n)),
      fc.integer({ min: 40, max: 3000 }).map(deep),
      fc.constantFrom<unknown>(
        null,
        true,
        false,
        0,
        -1,
        1e308,
        {},
        [],
        [[]],
        { '@id': 'urn:x' },
        { '@value': 'x' },
        'did:key:z6Mk',
        `did:key:z6Mk${'1'.repeat(60_000)}`,
      ),
    )
    .filter(
      (v) =>
        JSON.stringify(v) !== JSON.stringify(original) &&
        !(Array.isArray(v) && v.length === 1 && JSON.stringify(v[0]) === JSON.stringify(original)),
    );

const backends = testBackends();
/** Runs per property, shared among the backends so the file stays well under half a minute. */
const runs = (n: number) => Math.ceil(n / backends.length);

for (const backend of backends) {
  describe(`verification fuzzing (${backend.name}, seed ${SEED})`, () => {
    let ctx: {
      app: ReturnType<typeof testApp>['app'];
      browser: TestBrowser;
      genuine: Json[];
      png: Uint8Array;
      svg: string;
    };
    // genuine: a badge issued here, a foreign badge (did:key), and a foreign VC that is no badge.

    before(async () => {
      const storage = await backend.storage();
      const { app, clock, config } = testApp(storage);
      const org = await buildOrganisation(storage.db, { kind: 'issuer', name: 'Fuzz Council' });
      const staff = await buildUser(storage.db);
      await addMember(storage.db, org.id, staff.id, ['issuing_staff']);
      const deps = { db: storage.db, clock, config, credentials: testCredentialServices() };
      const issued = await issueCredential(deps, {
        actor: { userId: staff.id, ip: null },
        organisationId: org.id,
        recipient: { email: 'fuzz@example.org' },
        achievement: {
          id: 'https://cairn.test/a/fuzz',
          name: 'Fuzzing',
          description: 'Survives fuzzing.',
          criteria: { narrative: 'Ran it.' },
        },
        formats: ['ldp'],
      });
      // A foreign one too (did:key), verified without the database.
      const keys = generateEd25519();
      const { did, verificationMethod } = didKeyFor(keys.publicKeyMultibase);
      const foreign = await signEddsaRdfc2022(
        {
          '@context': [
            'https://www.w3.org/ns/credentials/v2',
            'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
          ],
          id: 'urn:uuid:0b5c7f4e-2a1d-4c3b-9e8f-7a6b5c4d3e2f',
          type: ['VerifiableCredential', 'OpenBadgeCredential'],
          issuer: { id: did, type: ['Profile'], name: 'Elsewhere' },
          validFrom: '2026-01-15T10:00:00Z',
          name: 'Elsewhere',
          credentialSubject: {
            id: 'did:example:e',
            type: ['AchievementSubject'],
            achievement: {
              id: 'https://elsewhere.example/a',
              type: ['Achievement'],
              name: 'Elsewhere',
              description: 'Elsewhere.',
              criteria: { narrative: 'Elsewhere.' },
            },
          },
        },
        {
          privateKey: keys.privateKey,
          verificationMethod,
          created: '2026-01-15T10:00:00Z',
          canonicalizer: testCredentialServices().canonicalizer,
        },
      );
      // And a VC that is no Open Badge (VC 2.0, terms defined inline), verified as any VC is.
      const generic = await signEddsaRdfc2022(
        {
          '@context': [
            'https://www.w3.org/ns/credentials/v2',
            {
              alumniOf: 'https://schema.org/alumniOf',
              AlumniCredential: 'https://schema.org/AlumniCredential',
              Evidence: 'https://schema.org/Evidence',
            },
          ],
          id: 'urn:uuid:5d6e7f80-9a1b-4c2d-8e3f-4a5b6c7d8e9f',
          type: ['VerifiableCredential', 'AlumniCredential'],
          issuer: did,
          validFrom: '2026-01-15T10:00:00Z',
          credentialSubject: [
            { id: 'did:example:alumna', alumniOf: 'Example University' },
            { id: 'did:example:alumnus', alumniOf: 'Example College' },
          ],
          evidence: { id: 'https://elsewhere.example/evidence/1', type: ['Evidence'] },
        },
        {
          privateKey: keys.privateKey,
          verificationMethod,
          created: '2026-01-15T10:00:00Z',
          canonicalizer: testCredentialServices().canonicalizer,
        },
      );
      const genuine = [issued.credential as Json, foreign as Json, generic as Json];
      // This site's baked image of the issued badge, baked again with the foreign credential.
      const plainPng = new Uint8Array(
        await (await app.request(`/badges/${issued.publicId}/baked.png`)).arrayBuffer(),
      );
      ctx = {
        app,
        browser: new TestBrowser(app),
        genuine,
        png: bakePng(plainPng, JSON.stringify(genuine[1])),
        svg: bakeSvg(
          '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>',
          JSON.stringify(genuine[1]),
        ),
      };
      // The genuine ones verify (so a failure below is the mutation's doing).
      for (const vc of genuine) {
        const res = await api('/credentials/verify', { verifiableCredential: vc });
        assert.equal(res.status, 200, JSON.stringify(res.body));
      }
    });

    async function api(path: string, body: unknown, raw?: string): Promise<{ status: number; body: Json }> {
      const res = await ctx.app.request(path, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: raw ?? JSON.stringify(body),
      });
      assert.ok(
        res.status < 500,
        `${path} answered ${res.status}: ${(await res.clone().text()).slice(0, 300)}`,
      );
      return { status: res.status, body: (await res.json()) as Json };
    }
    async function page(fields: { text?: string; file?: File }): Promise<string> {
      const form = new FormData();
      form.append('_csrf', await ctx.browser.csrf());
      form.append('text', fields.text ?? '');
      form.append('url', '');
      if (fields.file) form.append('file', fields.file);
      const res = await ctx.browser.request('POST', '/verify', { body: form });
      const html = await res.text();
      assert.ok(res.status < 500, `/verify answered ${res.status}: ${html.slice(0, 300)}`);
      return html;
    }
    const presentation = (vc: unknown) => ({
      verifiablePresentation: {
        '@context': ['https://www.w3.org/ns/credentials/v2'],
        type: ['VerifiablePresentation'],
        verifiableCredential: [vc],
      },
    });

    test('arbitrary JSON, as a credential, a presentation, a whole body and pasted text', async () => {
      await fc.assert(
        fc.asyncProperty(fc.jsonValue({ maxDepth: 6 }), async (value) => {
          await api('/credentials/verify', { verifiableCredential: value });
          await api('/presentations/verify', presentation(value));
          await api('/credentials/verify', undefined, JSON.stringify(value));
          if (value && typeof value === 'object')
            await api('/presentations/verify', undefined, JSON.stringify(value));
        }),
        { seed: SEED, numRuns: runs(400) },
      );
      await fc.assert(
        fc.asyncProperty(fc.jsonValue({ maxDepth: 4 }), async (value) => {
          await page({ text: JSON.stringify(value) });
        }),
        { seed: SEED + 1, numRuns: runs(100) },
      );
    });

    test('mutated genuine credentials never verify; extra proofs never help', async () => {
      const heapBefore = heapUsed();
      const mutated = fc
        .tuple(fc.nat({ max: 2 }), fc.nat(), fc.nat({ max: 9 }))
        .chain(([which, pick, kind]) => {
          const vc = ctx.genuine[which]!;
          const all = paths(vc).filter((p) => p.length > 0);
          const path = all[pick % all.length]!;
          const original = getAt(vc, path);
          if (kind === 0) return fc.constant(setAt(vc, path, undefined)); // a field removed
          if (kind === 1) {
            // An extra proof: a copy of the real one under another key or corrupted, or junk.
            const proof = vc.proof as Json;
            return fc
              .constantFrom<unknown>(
                {
                  ...proof,
                  verificationMethod:
                    'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK#z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK',
                },
                { ...proof, proofValue: 'z3' },
                'junk',
                { ...proof, cryptosuite: 'unknown-2099' },
                { ...proof, previousProof: 'urn:none' },
              )
              .map((extra) => ({
                ...setAt(vc, path, original === undefined ? undefined : original),
                proof: [proof, extra],
              }));
          }
          return replacement(original).map((value) => setAt(vc, path, value));
        })
        .filter((doc) => ctx.genuine.every((vc) => JSON.stringify(doc) !== JSON.stringify(vc)));
      await fc.assert(
        fc.asyncProperty(mutated, async (doc) => {
          const direct = await api('/credentials/verify', { verifiableCredential: doc });
          assert.notEqual(
            direct.body.verified,
            true,
            `a mutated credential verified: ${JSON.stringify(doc).slice(0, 400)}`,
          );
          const viaVp = await api('/presentations/verify', presentation(doc));
          assert.notEqual(viaVp.body.verified, true);
        }),
        { seed: SEED + 2, numRuns: runs(700) },
      );
      await fc.assert(
        fc.asyncProperty(mutated, async (doc) => {
          const html = await page({ text: JSON.stringify(doc) });
          assert.doesNotMatch(html, />Valid<\/span>/);
        }),
        { seed: SEED + 3, numRuns: runs(60) },
      );
      // Caches are bounded: the heap does not grow with the number of inputs.
      const growth = heapUsed() - heapBefore;
      assert.ok(growth < 96 * 1024 * 1024, `the heap grew by ${Math.round(growth / 1024 / 1024)} MB`);
    });

    test('random and damaged bytes as PNG and SVG uploads', async () => {
      const pngBytes = fc.oneof(
        fc
          .uint8Array({ maxLength: 2000 })
          .map((b) => new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...b])),
        fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })).map(([at, byte]) => {
          const copy = new Uint8Array(ctx.png);
          copy[8 + (at % (copy.length - 8))] = byte;
          return copy;
        }),
      );
      const svgText = fc.oneof(
        fc.string({ maxLength: 2000 }).map((s) => `<svg xmlns="http://www.w3.org/2000/svg">${s}`),
        fc
          .tuple(fc.nat(), fc.string({ maxLength: 20 }))
          .map(([at, s]) => ctx.svg.slice(0, at % ctx.svg.length) + s + ctx.svg.slice(at % ctx.svg.length)),
        fc.nat({ max: 5000 }).map((n) => `<svg>${'<openbadges:credential <![CDATA['.repeat(n)}`),
        fc.constantFrom(
          `<svg><openbadges:credential>&#99999999;&#0;</openbadges:credential></svg>`,
          `<svg><openbadges:assertion verify="&#x110000;"/></svg>`,
        ),
      );
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            pngBytes.map((b) => new File([b], 'badge.png', { type: 'image/png' })),
            svgText.map((t) => new File([t], 'badge.svg', { type: 'image/svg+xml' })),
          ),
          async (file) => {
            const html = await page({ file });
            // Only the genuine bytes verify; a changed credential inside never does.
            if (!/>Valid<\/span>/.test(html)) return;
            const bytes = new Uint8Array(await file.arrayBuffer());
            assert.ok(
              Buffer.from(bytes).equals(Buffer.from(ctx.png)) ||
                Buffer.from(bytes).toString('utf8').includes(JSON.stringify(ctx.genuine[1])),
              'only an image that still carries the genuine credential verifies',
            );
          },
        ),
        { seed: SEED + 4, numRuns: runs(300) },
      );
    });

    test('no unhandled rejection and no connection beyond loopback', () => {
      assert.deepEqual(unhandled, []);
      assert.deepEqual(outbound, []);
    });
  });
}
