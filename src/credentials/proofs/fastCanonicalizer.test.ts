import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { jsonldCanonicalizer } from './canonicalize.ts';
import { fastCanonicalizer } from './fastCanonicalizer.ts';
import { buildOpenBadgeCredential, type CredentialData } from '../openBadgeCredential.ts';

const vendor = resolve(import.meta.dirname, '../../../test/vectors/1edtech');

// A small deterministic PRNG so a failure can be replayed from its seed.
function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ALPHABET = [
  'a',
  'Z',
  ' ',
  '"',
  '\\',
  '\n',
  '\t',
  '\r',
  'é',
  '学',
  '😀',
  '<',
  '>',
  '&',
  '_:',
  '@',
  '#',
  'urn:',
  'http://',
  '\u0000',
  '\u007f',
  '\u2028',
  ':',
  '/',
];

function randomText(r: () => number, max = 24): string {
  let s = '';
  const n = Math.floor(r() * max);
  for (let i = 0; i < n; i++) s += ALPHABET[Math.floor(r() * ALPHABET.length)];
  return s;
}

function randomIri(r: () => number): string {
  const pick = r();
  if (pick < 0.1) return randomText(r, 8); // not an IRI at all: must fall back, and match jsonld.js
  if (pick < 0.2) return `urn:uuid:${Math.floor(r() * 1e9)}`;
  if (pick < 0.3) return `did:web:example.org:orgs:${Math.floor(r() * 100)}`;
  return `https://example.org/${encodeURIComponent(randomText(r, 6))}/${Math.floor(r() * 1000)}`;
}

/** A random credential: `shape` decides which fields exist (so shapes repeat), `r` the strings. */
function randomCredential(r: () => number, shape: () => number = r): CredentialData {
  const maybe = <T>(v: T): T | undefined => (shape() < 0.5 ? v : undefined);
  const list = <T>(make: () => T): T[] => Array.from({ length: Math.floor(shape() * 3) }, make);
  return {
    id: randomIri(r),
    issuer: {
      id: randomIri(r),
      name: randomText(r),
      url: maybe(randomIri(r)),
      email: maybe(`${randomText(r, 5)}@example.org`),
    },
    achievement: {
      id: randomIri(r),
      name: randomText(r),
      description: randomText(r, 60),
      criteria: { narrative: randomText(r, 40) },
      achievementType: maybe(r() < 0.5 ? 'MicroCredential' : 'ext:Workshop'),
      image: maybe({ id: randomIri(r), caption: maybe(randomText(r)) }),
      alignment: maybe(
        list(() => ({
          targetName: randomText(r),
          targetUrl: randomIri(r),
          targetCode: maybe(randomText(r, 5)),
        })),
      ),
      creditsAvailable: maybe(Math.round(shape() * 40) / 4),
      humanCode: maybe(randomText(r, 6)),
      tag: maybe(list(() => (r() < 0.3 ? 'same' : randomText(r, 8)))),
    },
    recipient:
      shape() < 0.8
        ? { email: `${randomText(r, 6)}@example.org`, salt: randomText(r, 8) }
        : { did: `did:key:z6Mk${Math.floor(r() * 1e9)}` },
    validFrom: r() < 0.9 ? '2026-01-15T10:00:00Z' : randomText(r, 10),
    validUntil: maybe('2028-01-15T10:00:00Z'),
    creditsEarned: maybe(0.5),
    licenseNumber: maybe(randomText(r, 10)),
    results: maybe(list(() => ({ status: 'Completed' as const, value: maybe(randomText(r, 5)) }))),
    evidence: maybe(
      list(() => ({
        id: maybe(randomIri(r)),
        narrative: maybe(randomText(r, 30)),
        name: maybe(randomText(r)),
      })),
    ),
  };
}

describe('fast canonicalizer equals jsonld.js + rdf-canonize', () => {
  const reference = jsonldCanonicalizer();

  test('on both 1EdTech vectors (unsigned credential and proof), twice so the template path runs', async () => {
    const fast = fastCanonicalizer();
    for (const name of ['obv3p0', 'clrv2p0']) {
      const vector = JSON.parse(readFileSync(`${vendor}/${name}/test-vector.json`, 'utf8')) as {
        unsignedCredential: Record<string, unknown>;
      };
      const expected = readFileSync(`${vendor}/${name}/document-canon.txt`, 'utf8').trimEnd() + '\n';
      assert.equal(await fast.canonize(vector.unsignedCredential), expected);
      assert.equal(await fast.canonize(structuredClone(vector.unsignedCredential)), expected);
    }
    assert.ok(fast.stats.templated >= 2, 'the second pass used the template');
  });

  test('on 2,000 random credentials, including hostile strings and values that are not IRIs', async () => {
    const fast = fastCanonicalizer();
    const seed = Number(process.env.CAIRN_FUZZ_SEED ?? 20261124);
    const r = prng(seed);
    let compared = 0;
    for (let i = 0; i < 2000; i++) {
      // 40 structures repeat, so most documents reuse a template; strings are always fresh.
      const doc = buildOpenBadgeCredential(randomCredential(r, prng(seed + (i % 40))));
      let expected: string | Error;
      try {
        expected = await reference.canonize(doc);
      } catch (err) {
        expected = err as Error;
      }
      if (expected instanceof Error) {
        await assert.rejects(fast.canonize(doc), `doc ${i} (seed ${seed}) must fail like jsonld.js`);
        continue;
      }
      assert.equal(await fast.canonize(doc), expected, `doc ${i} (seed ${seed})`);
      compared++;
    }
    assert.ok(compared > 1000);
    assert.ok(fast.stats.templated > 500, `templates were used (${JSON.stringify(fast.stats)})`);
  });

  test('a document that mentions the slot marker itself is handled by the reference path', async () => {
    const fast = fastCanonicalizer();
    const doc = buildOpenBadgeCredential({ ...randomCredential(prng(1)), name: 'urn:x-cairn-slot:0' });
    assert.equal(await fast.canonize(doc), await reference.canonize(doc));
  });
});
