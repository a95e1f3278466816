import { createHash } from 'node:crypto';
import type { Config } from '../../config.ts';
import { OB_V2_CONTEXT } from '../../credentials/contexts.ts';
import type { Ob2Issuer, Ob2Source } from './queries.ts';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v : undefined);

/** Drops undefined members so documents serialise the same way every time. */
function drop<T extends Json>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** The stable public addresses of a credential's OB 2.0 documents. */
export function ob2Urls(config: Config, credentialPublicId: string, orgSlug: string) {
  const base = `${config.publicUrl}/ob2`;
  return {
    assertion: `${base}/assertions/${credentialPublicId}`,
    bakedPng: `${base}/assertions/${credentialPublicId}/baked.png`,
    badge: `${base}/badges/${credentialPublicId}`,
    image: `${base}/badges/${credentialPublicId}/image.png`,
    issuer: `${base}/issuers/${orgSlug}`,
  };
}

/**
 * A stable salt per credential (the hosted assertion must not change between fetches), not
 * guessable from the public id alone: derived from the signed document's own id and hash input.
 */
function saltFor(source: Ob2Source): string {
  return createHash('sha256')
    .update(`cairn-ob2-salt\0${source.credential_id}\0${source.public_id}`)
    .digest('hex')
    .slice(0, 32);
}

/** `sha256$<hex>` of identity + salt, as OB 2.0 hashes a recipient. */
export function hashIdentity(identity: string, salt: string): string {
  return `sha256$${createHash('sha256')
    .update(identity + salt, 'utf8')
    .digest('hex')}`;
}

function recipientOf(source: Ob2Source) {
  const salt = saltFor(source);
  if (source.recipient_email)
    return {
      type: 'email',
      hashed: true,
      salt,
      identity: hashIdentity(source.recipient_email.trim().toLowerCase(), salt),
    };
  // A DID is a URL-like identifier: OB 2.0 has no DID type, `url` is the closest.
  return {
    type: 'url',
    hashed: true,
    salt,
    identity: hashIdentity(source.recipient_did ?? source.public_id, salt),
  };
}

function subjectOf(source: Ob2Source): { subject: Json; achievement: Json; credential: Json } {
  const credential = JSON.parse(source.document) as Json;
  const subject = isObject(credential.credentialSubject) ? credential.credentialSubject : {};
  const achievement = isObject(subject.achievement) ? subject.achievement : {};
  return { subject, achievement, credential };
}

/** OB 2.0 `revoked` and its reason: a revocation (final) or a suspension (until reinstated). */
export function revocationOf(source: Ob2Source): { revoked: boolean; final: boolean; reason?: string } {
  if (source.status_action === 'revoked')
    return { revoked: true, final: true, reason: source.status_reason || 'The issuer revoked this badge.' };
  if (source.status_action === 'suspended')
    return {
      revoked: true,
      final: false,
      reason: `The issuer suspended this badge${source.status_reason ? `: ${source.status_reason}` : ''}. It may be reinstated.`,
    };
  return { revoked: false, final: false };
}

/** The hosted OB 2.0 Assertion of a credential issued by Cairn (derived from the signed OB 3.0 document). */
export function ob2Assertion(config: Config, source: Ob2Source): Json {
  const urls = ob2Urls(config, source.public_id, source.org_slug);
  const { subject, credential } = subjectOf(source);
  const evidence = Array.isArray(credential.evidence)
    ? credential.evidence.filter(isObject).map((e) =>
        drop({
          type: 'Evidence',
          id: text(e.id),
          name: text(e.name),
          narrative: text(e.narrative),
          description: text(e.description),
          genre: text(e.genre),
        }),
      )
    : [];
  const revocation = revocationOf(source);
  return drop({
    '@context': OB_V2_CONTEXT,
    type: 'Assertion',
    id: urls.assertion,
    recipient: recipientOf(source),
    badge: urls.badge,
    verification: { type: 'hosted' },
    issuedOn: source.valid_from.toISOString(),
    expires: source.valid_until?.toISOString(),
    image: urls.bakedPng,
    narrative: text(subject.narrative),
    evidence: evidence.length ? evidence : undefined,
    revoked: revocation.revoked ? true : undefined,
    revocationReason: revocation.revoked ? revocation.reason : undefined,
  });
}

/** The BadgeClass of a credential: its achievement as issued (name, description, criteria, image). */
export function ob2BadgeClass(config: Config, source: Ob2Source): Json {
  const urls = ob2Urls(config, source.public_id, source.org_slug);
  const { achievement } = subjectOf(source);
  const criteria = isObject(achievement.criteria) ? achievement.criteria : {};
  const name = text(achievement.name) ?? source.achievement_name;
  const description = text(achievement.description) ?? name;
  const tags = Array.isArray(achievement.tag)
    ? achievement.tag.filter((t): t is string => typeof t === 'string')
    : [];
  return drop({
    '@context': OB_V2_CONTEXT,
    type: 'BadgeClass',
    id: urls.badge,
    name,
    description,
    image: urls.image,
    criteria: drop({ id: text(criteria.id), narrative: text(criteria.narrative) ?? description }),
    issuer: urls.issuer,
    tags: tags.length ? tags : undefined,
  });
}

/** The issuer Profile of an organisation. */
export function ob2Issuer(config: Config, org: Ob2Issuer): Json {
  return drop({
    '@context': OB_V2_CONTEXT,
    type: 'Issuer',
    id: `${config.publicUrl}/ob2/issuers/${org.slug}`,
    name: org.name,
    url: org.website ?? config.publicUrl,
    description: text(org.description),
  });
}

/** The OB 2.0 required fields of each document (the spec's "required" column), checked by tests and the resolver. */
export const OB2_REQUIRED = {
  Assertion: ['id', 'type', 'recipient', 'badge', 'verification', 'issuedOn'],
  BadgeClass: ['id', 'type', 'name', 'description', 'image', 'criteria', 'issuer'],
  Issuer: ['id', 'type', 'name', 'url'],
} as const;
