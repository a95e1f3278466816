import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildOpenBadgeCredential, type CredentialData } from './openBadgeCredential.ts';
import { validateAchievement, validateAchievementCredential } from './schema.ts';
import { jsonldCanonicalizer } from './proofs/canonicalize.ts';
import { signEddsaRdfc2022, verifyEddsaRdfc2022 } from './proofs/eddsaRdfc2022.ts';
import { ed25519FromSeed, encodeMultikeyPublic } from './ed25519.ts';

// Issue 14: an achievement says the language of its words (inLanguage) and names its alternate
// language editions (related, OB 3.0's mechanism for them: name and description are plain
// strings in the official schema, so no JSON-LD language maps).

const ID = 'https://cairn.test/catalog/union/routines/v/2';
const data: CredentialData = {
  id: 'urn:uuid:5f0e4a1c-3a57-4b8e-9b0a-2f4d4b1e6c11',
  issuer: { id: 'did:web:cairn.test:orgs:union', name: 'Union' },
  achievement: {
    id: ID,
    name: 'Classroom Routines',
    description: 'Designs and teaches routines that give students more time to learn.',
    criteria: { id: ID, narrative: 'A plan, a video and a reflection.' },
    version: '2',
    inLanguage: 'en',
    related: [{ id: `${ID}/es`, inLanguage: 'es', version: '2' }],
  },
  recipient: { email: 'ada@example.org', salt: 'pepper' },
  validFrom: '2026-03-01T12:00:00Z',
};
type Achievement = Record<string, unknown> & { related?: Array<Record<string, unknown>> };
const achievementOf = (c: Record<string, unknown>) =>
  (c.credentialSubject as { achievement: Achievement }).achievement;

describe('an achievement in its language, with its Spanish edition related', () => {
  test('the credential carries inLanguage and related (type Related) and is valid by the official OB 3.0 schema', () => {
    const credential = buildOpenBadgeCredential(data);
    const achievement = achievementOf(credential);
    assert.equal(achievement.inLanguage, 'en');
    assert.deepEqual(achievement.related, [
      { id: `${ID}/es`, type: ['Related'], inLanguage: 'es', version: '2' },
    ]);
    assert.equal(typeof achievement.name, 'string', 'the name stays a plain string, as the schema types it');
    assert.deepEqual(validateAchievementCredential(credential), { valid: true, errors: [] });
    assert.deepEqual(validateAchievement(achievement), { valid: true, errors: [] });
  });

  test('the official schema holds the language codes to BCP 47 (a language map or a word would fail)', () => {
    const wordy = buildOpenBadgeCredential({
      ...data,
      achievement: { ...data.achievement, inLanguage: 'English' },
    });
    assert.equal(validateAchievementCredential(wordy).valid, false);
    const mapped = {
      ...achievementOf(buildOpenBadgeCredential(data)),
      name: { en: 'Routines', es: 'Rutinas' },
    };
    assert.equal(validateAchievement(mapped).valid, false, 'a language map is not a valid Achievement name');
  });

  test('without editions nothing is added but the language', () => {
    const plain = buildOpenBadgeCredential({
      ...data,
      achievement: { ...data.achievement, related: undefined },
    });
    assert.equal(achievementOf(plain).related, undefined);
    assert.deepEqual(validateAchievementCredential(plain), { valid: true, errors: [] });
  });

  test('the contexts define inLanguage and related: the credential signs and verifies with eddsa-rdfc-2022 (safe mode)', async () => {
    const keys = ed25519FromSeed(new Uint8Array(32).fill(7));
    const did = `did:key:${encodeMultikeyPublic(keys.publicKeyBytes)}`;
    const canonicalizer = jsonldCanonicalizer();
    const unsigned = buildOpenBadgeCredential(data);
    const canon = await canonicalizer.canonize(unsigned);
    assert.match(canon, /<https:\/\/schema\.org\/inLanguage> "es"/);
    assert.match(canon, /<https:\/\/purl\.imsglobal\.org\/spec\/vc\/ob\/vocab\.html#related>/);
    const signed = await signEddsaRdfc2022(unsigned, {
      privateKey: keys.privateKey,
      verificationMethod: `${did}#${did.slice('did:key:'.length)}`,
      created: '2026-03-01T12:00:00Z',
      canonicalizer,
    });
    const check = await verifyEddsaRdfc2022(signed, { ...signed.proof }, keys.publicKey, canonicalizer);
    assert.equal(check.ok, true, JSON.stringify(check));
  });
});
