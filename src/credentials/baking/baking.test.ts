import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { deflateSync } from 'node:zlib';
import { bakePng, bakeSvg, BakingError, crc32, extractFromPng, extractFromSvg, sniffImage } from './index.ts';
import { bakingMessages, bakingText, type BakingMessage } from './messages.ts';
import { commandMessage, translateMessage } from '../../web/i18n/commandMessages.ts';
import { translator } from '../../web/i18n/i18n.ts';

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([Buffer.from(type, 'latin1'), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** A real 1×1 PNG, with optional extra chunks before IDAT. */
function tinyPng(extra: Buffer[] = []): Uint8Array {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(1, 0);
  ihdr.writeUInt32BE(1, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const idat = deflateSync(Buffer.from([0, 0x1f, 0x5f, 0x8b, 0xff]));
  return new Uint8Array(
    Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', ihdr),
      ...extra,
      chunk('IDAT', idat),
      chunk('IEND', Buffer.alloc(0)),
    ]),
  );
}

function chunkTypes(png: Uint8Array): string[] {
  const buf = Buffer.from(png);
  const types: string[] = [];
  for (let at = 8; at < buf.length;) {
    const length = buf.readUInt32BE(at);
    const type = buf.subarray(at + 4, at + 8).toString('latin1');
    assert.equal(
      crc32(buf.subarray(at + 4, at + 8 + length)),
      buf.readUInt32BE(at + 8 + length),
      `CRC of ${type}`,
    );
    types.push(type);
    at += 12 + length;
  }
  return types;
}

const credential = JSON.stringify({
  type: ['VerifiableCredential', 'OpenBadgeCredential'],
  name: 'Zoë – 学习 <br/> & "quotes" ]]> end',
});
const jws = 'eyJhbGciOiJFZERTQSJ9.eyJuYW1lIjoiWm_DqyJ9.c2lnbmF0dXJl';

describe('PNG baking', () => {
  test('bake and extract a JSON credential and a JWS, re-baking replaces the chunk', () => {
    const once = bakePng(tinyPng(), credential);
    assert.deepEqual(extractFromPng(once), { format: 'ob3', data: credential });
    const twice = bakePng(once, jws);
    assert.deepEqual(extractFromPng(twice), { format: 'ob3', data: jws });
    const types = chunkTypes(twice);
    assert.deepEqual(
      types,
      ['IHDR', 'iTXt', 'IDAT', 'IEND'],
      'one credential chunk, before IDAT, all CRCs valid',
    );
  });

  test('OB 2.0 badges baked by other platforms are read (tEXt and compressed iTXt)', () => {
    const assertion = '{"type":"Assertion","id":"https://old.example.org/a/1"}';
    const text = tinyPng([
      chunk('tEXt', Buffer.concat([Buffer.from('openbadges\0', 'latin1'), Buffer.from(assertion, 'latin1')])),
    ]);
    assert.deepEqual(extractFromPng(text), { format: 'ob2', data: assertion });
    const compressed = tinyPng([
      chunk(
        'iTXt',
        Buffer.concat([
          Buffer.from('openbadges\0\x01\x00\0\0', 'latin1'),
          deflateSync(Buffer.from(assertion)),
        ]),
      ),
    ]);
    assert.deepEqual(extractFromPng(compressed), { format: 'ob2', data: assertion });
    assert.equal(extractFromPng(tinyPng()), null);
  });

  test('damaged or non-PNG input is refused with a clear error', () => {
    const png = Buffer.from(bakePng(tinyPng(), credential));
    png[png.length - 20]! ^= 0xff;
    assert.throws(
      () => extractFromPng(png),
      (e: unknown) => e instanceof BakingError && e.code === 'corrupt_png',
    );
    assert.throws(
      () => bakePng(Buffer.from('GIF89a'), credential),
      (e: unknown) => e instanceof BakingError && e.code === 'not_png',
    );
  });
});

describe('SVG baking', () => {
  const svg =
    '<?xml version="1.0" encoding="UTF-8"?>\n<!-- badge art -->\n<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle r="5"/></svg>';

  test('bake and extract, with CDATA split where the credential contains ]]>, and re-baking replaces', () => {
    const once = bakeSvg(svg, credential, { verifyUrl: 'https://cairn.test/credentials/1?a=1&b=2' });
    assert.match(once, /xmlns:openbadges="https:\/\/purl.imsglobal.org\/ob\/v3p0"/);
    assert.match(once, /verify="https:\/\/cairn.test\/credentials\/1\?a=1&amp;b=2"/);
    assert.deepEqual(extractFromSvg(once), { format: 'ob3', data: credential });
    const twice = bakeSvg(once, jws);
    assert.equal(twice.match(/<openbadges:credential/g)?.length, 1);
    assert.deepEqual(extractFromSvg(twice), { format: 'ob3', data: jws });
    assert.equal(twice.match(/xmlns:openbadges/g)?.length, 1);
    assert.match(twice, /<circle r="5"\/><\/svg>$/);
  });

  test('OB 2.0 SVG assertions: a verify URL, or embedded JSON', () => {
    const byUrl =
      '<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="http://openbadges.org"><openbadges:assertion verify="https://old.example.org/a/1"/></svg>';
    assert.deepEqual(extractFromSvg(byUrl), { format: 'ob2', data: 'https://old.example.org/a/1' });
    const embedded =
      '<svg xmlns="http://www.w3.org/2000/svg"><openbadges:assertion verify="https://x"><![CDATA[{"id":"https://x"}]]></openbadges:assertion></svg>';
    assert.deepEqual(extractFromSvg(embedded), { format: 'ob2', data: '{"id":"https://x"}' });
    assert.equal(extractFromSvg(svg), null);
  });

  test('non-SVG input is refused, and images are sniffed by their bytes', () => {
    assert.throws(
      () => bakeSvg('<html></html>', credential),
      (e: unknown) => e instanceof BakingError && e.code === 'not_svg',
    );
    assert.equal(sniffImage(tinyPng()), 'png');
    assert.equal(sniffImage(Buffer.from(svg)), 'svg');
    assert.equal(sniffImage(Buffer.from('\uFEFF<svg/>')), 'svg');
    assert.equal(sniffImage(Buffer.from('{"a":1}')), null);
  });
});

describe('baking errors in the catalogue', () => {
  test('each has a key whose English is the catalogue’s, and is said in Spanish to a Spanish reader', () => {
    const es = translator('es');
    for (const key of Object.keys(bakingMessages) as BakingMessage[]) {
      const values = { max: '100,000', megabytes: 8 };
      const error = new BakingError('corrupt_png', key, values);
      assert.equal(error.message, bakingText(key, values));
      assert.equal(error.message, commandMessage(`errors.files.baking.${key}`, values), key);
      assert.notEqual(translateMessage(es, error.message), error.message, `${key} has no Spanish`);
    }
    const png = Buffer.from(bakePng(tinyPng(), credential));
    png[png.length - 20]! ^= 0xff;
    assert.throws(
      () => extractFromPng(png),
      (e: unknown) =>
        e instanceof BakingError &&
        e.key === 'wrongChecksum' &&
        translateMessage(es, e.message) ===
          'Un bloque del PNG tiene una suma de comprobación incorrecta: el archivo está dañado.',
    );
    assert.throws(
      () => bakeSvg('<html></html>', credential),
      (e: unknown) =>
        e instanceof BakingError &&
        translateMessage(es, e.message) ===
          'Este archivo no es una imagen SVG (no tiene un elemento raíz <svg>).',
    );
  });
});

describe('verifying baked badges', () => {
  test('a credential baked into a PNG or an SVG verifies from the image bytes; a re-baked forgery does not', async () => {
    const { generateEd25519 } = await import('../ed25519.ts');
    const { didKeyFor, resolveDidKey } = await import('../didKey.ts');
    const { buildOpenBadgeCredential } = await import('../openBadgeCredential.ts');
    const { signEddsaRdfc2022 } = await import('../proofs/eddsaRdfc2022.ts');
    const { fastCanonicalizer } = await import('../proofs/fastCanonicalizer.ts');
    const { verifyCredential } = await import('../verifier.ts');
    const keys = generateEd25519();
    const { did, verificationMethod } = didKeyFor(keys.publicKeyMultibase);
    const canonicalizer = fastCanonicalizer();
    const signed = await signEddsaRdfc2022(
      buildOpenBadgeCredential({
        id: 'urn:uuid:6d0f6f7e-1111-4000-8000-000000000001',
        issuer: { id: did, name: 'Issuer' },
        achievement: {
          id: 'https://example.org/a',
          name: 'A',
          description: 'B',
          criteria: { narrative: 'C' },
        },
        recipient: { email: 'r@example.org' },
        validFrom: '2026-01-01T00:00:00Z',
      }),
      { privateKey: keys.privateKey, verificationMethod, created: '2026-01-01T00:00:00Z', canonicalizer },
    );
    const deps = {
      canonicalizer,
      now: new Date('2026-06-01T00:00:00Z'),
      resolveKey: async (vm: string) =>
        resolveDidKey(vm) as { publicKeyMultibase: string; controller: string },
      loadStatusList: async () => Promise.reject(new Error('none')),
    };
    const png = bakePng(tinyPng(), JSON.stringify(signed));
    assert.equal((await verifyCredential(png, deps)).verified, true);
    const svg = new TextEncoder().encode(
      bakeSvg('<svg xmlns="http://www.w3.org/2000/svg"/>', JSON.stringify(signed)),
    );
    assert.equal((await verifyCredential(svg, deps)).verified, true);
    const forged = bakePng(png, JSON.stringify({ ...signed, name: 'Upgraded badge' }));
    assert.equal(
      (await verifyCredential(forged, deps)).checks.find((c) => c.id === 'proof')?.code,
      'proof_invalid',
    );
    const empty = await verifyCredential(tinyPng(), deps);
    assert.match(empty.checks[0]?.message ?? '', /carries no badge/);
  });
});
