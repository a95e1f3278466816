import { createHash } from 'node:crypto';
import { base58btcDecode } from './base58.ts';
import { VC_V1, VC_V2 } from './contexts.ts';

/*
 * The W3C Verifiable Credentials Data Model rules an issuer checks before it signs what a caller
 * supplied (VC 2.0, and VC 1.1 for documents on its base context). Pure: no I/O, except the
 * digests of related resources, which the caller resolves (Cairn checks only what it serves itself).
 * JSON-LD problems (undefined terms, protected terms, unknown contexts) are jsonldCheck.ts's.
 */

type Json = Record<string, unknown>;

/** One broken rule: a stable rule name, where (a JSON path), and what to do, in plain words. */
export interface ModelProblem {
  rule: string;
  path: string;
  message: string;
}

export type VcVersion = '2.0' | '1.1';

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
/** A URL in the VC sense: an absolute IRI (scheme, colon, no spaces). */
export const isUrl = (v: unknown): v is string => typeof v === 'string' && /^[a-z][a-z0-9+.-]*:[^\s<>"{}|\\^`]+$/i.test(v);

/**
 * XMLSchema 1.1 dateTimeStamp (a date-time with its time zone), the regular expression the
 * VC 2.0 specification gives, anchored. VC 1.1 dates are xsd:dateTime: the zone may be absent.
 */
const DATE_TIME_STAMP = /^-?([1-9][0-9]{3,}|0[0-9]{3})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T(([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]+)?|(24:00:00(\.0+)?))(Z|(\+|-)((0[0-9]|1[0-3]):[0-5][0-9]|14:00))$/;
const DATE_TIME = /^-?([1-9][0-9]{3,}|0[0-9]{3})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T(([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]+)?|(24:00:00(\.0+)?))(Z|(\+|-)((0[0-9]|1[0-3]):[0-5][0-9]|14:00))?$/;

export const isDateTimeStamp = (v: unknown): v is string => typeof v === 'string' && DATE_TIME_STAMP.test(v) && !Number.isNaN(Date.parse(v));

/** Which data model a document says it follows: its first context. */
export function vcVersionOf(credential: Json): VcVersion | null {
  const first = [credential['@context']].flat()[0];
  return first === VC_V2 ? '2.0' : first === VC_V1 ? '1.1' : null;
}

const types = (v: unknown): string[] | null => {
  const list = [v].flat();
  return v !== undefined && list.length > 0 && list.every((t) => typeof t === 'string' && t.length > 0) ? (list as string[]) : null;
};

/** The objects (one or a list) a property holds, or a problem when it holds anything else. */
function objectsOf(credential: Json, key: string, problems: ModelProblem[]): Json[] {
  const value = credential[key];
  if (value === undefined) return [];
  const list = [value].flat();
  if (value === null || list.length === 0 || !list.every(isObject)) {
    problems.push({ rule: `${key}_not_object`, path: key, message: `${key} must be one object or a list of objects.` });
    return [];
  }
  return list;
}

/**
 * Checks a credential as supplied (before the issuer adds its issuer, dates, status and proof);
 * an empty list means none of these rules is broken.
 */
export function checkCredentialModel(credential: Json): ModelProblem[] {
  const problems: ModelProblem[] = [];
  const add = (rule: string, path: string, message: string) => problems.push({ rule, path, message });

  // Contexts: an ordered set whose first item is the base context; then URLs and/or objects.
  const context = credential['@context'];
  const contexts = [context].flat();
  const version = vcVersionOf(credential);
  if (context === undefined) add('context_missing', '@context', `A credential needs @context, starting with ${VC_V2}.`);
  else if (!version) add('context_base_first', '@context', `The first @context must be the VC 2.0 base context ${VC_V2} (or ${VC_V1} for a VC 1.1 credential).`);
  contexts.slice(1).forEach((c, i) => {
    if (!isUrl(c) && !isObject(c)) add('context_item_invalid', `@context.${i + 1}`, 'Each further @context must be a URL or a context object.');
  });

  // Identifier: absent, or one URL.
  if ('id' in credential && !isUrl(credential.id)) add('id_not_url', 'id', credential.id === null ? 'id is null: give the credential a URL (such as urn:uuid:…), or leave id out and Cairn makes one.' : 'id must be a single URL, such as urn:uuid:… or https://….');

  // Types: one or more, VerifiableCredential among them.
  const credentialTypes = types(credential.type);
  if (!credentialTypes) add('type_missing', 'type', 'A credential needs a type: ["VerifiableCredential", …].');
  else if (!credentialTypes.includes('VerifiableCredential')) add('type_not_verifiable_credential', 'type', 'One of the credential’s types must be VerifiableCredential.');

  // Issuer (Cairn fills it in when absent): a URL, or an object whose id, if given, is a URL.
  if ('issuer' in credential) {
    const issuer = credential.issuer;
    if (issuer === null) add('issuer_null', 'issuer', 'issuer is null: give your organisation’s identifier, or leave issuer out and Cairn adds it.');
    else if (isObject(issuer)) {
      if ('id' in issuer && !isUrl(issuer.id)) add('issuer_id_not_url', 'issuer.id', 'issuer.id must be a URL (your organisation’s DID), or leave it out.');
    } else if (!isUrl(issuer)) add('issuer_not_url', 'issuer', 'issuer must be a URL or an object with an id.');
  }

  // Subjects: at least one, each stating at least one claim.
  const subject = credential.credentialSubject;
  if (subject === undefined || subject === null) add('credential_subject_missing', 'credentialSubject', 'A credential needs a credentialSubject: who or what it makes claims about.');
  else {
    const subjects = [subject].flat();
    if (subjects.length === 0) add('credential_subject_empty', 'credentialSubject', 'credentialSubject must hold at least one subject.');
    subjects.forEach((s, i) => {
      const path = Array.isArray(subject) ? `credentialSubject.${i}` : 'credentialSubject';
      if (!isObject(s)) add('credential_subject_not_object', path, 'Each credential subject must be an object.');
      else if (Object.keys(s).length === 0) add('credential_subject_empty', path, 'A credential subject must state at least one claim (an id or a property); this one is empty.');
      else if ('id' in s && !isUrl(s.id)) add('credential_subject_id_not_url', `${path}.id`, 'A credential subject’s id must be a single URL (such as a DID).');
    });
  }

  // Objects that must say what type they are (VC 2.0 §4.5), and their identifiers.
  for (const key of ['credentialStatus', 'termsOfUse', 'evidence', 'refreshService', 'credentialSchema'] as const) {
    const list = objectsOf(credential, key, problems);
    list.forEach((item, i) => {
      const path = Array.isArray(credential[key]) ? `${key}.${i}` : key;
      if (!types(item.type)) add(`${key}_type_missing`, `${path}.type`, `Each ${key} must say its type (VC Data Model: “objects that MUST have a type specified”).`);
      const idRequired = key === 'credentialSchema';
      if ((idRequired || 'id' in item) && !isUrl(item.id)) add(`${key}_id_not_url`, `${path}.id`, idRequired ? 'Each credentialSchema needs an id: the URL of the schema.' : `The id of a ${key} must be a single URL.`);
    });
  }

  // Validity period.
  if (version === '1.1') {
    for (const key of ['issuanceDate', 'expirationDate'] as const) {
      if (key in credential && !(typeof credential[key] === 'string' && DATE_TIME.test(credential[key] as string))) add(`${key}_invalid`, key, `${key} must be an XML Schema date-time such as 2026-05-01T00:00:00Z.`);
    }
  } else {
    for (const key of ['validFrom', 'validUntil'] as const) {
      if (key in credential && !isDateTimeStamp(credential[key])) add(`${key}_invalid`, key, `${key} must be a date-time with its time zone (XML Schema dateTimeStamp), such as 2026-05-01T00:00:00Z.`);
    }
    if (isDateTimeStamp(credential.validFrom) && isDateTimeStamp(credential.validUntil) && Date.parse(credential.validUntil) < Date.parse(credential.validFrom)) {
      add('validity_period_reversed', 'validUntil', 'validUntil is before validFrom: a credential cannot stop being valid before it starts.');
    }
  }

  // Related resources (VC 2.0 §5.3): objects with an id, each id once, each with a digest.
  if (credential.relatedResource !== undefined) {
    const list = [credential.relatedResource].flat();
    if (credential.relatedResource === null || list.length === 0) add('related_resource_not_object', 'relatedResource', 'relatedResource must be one object or a list of objects, each with an id and a digest.');
    const seen = new Set<string>();
    list.forEach((r, i) => {
      const path = Array.isArray(credential.relatedResource) ? `relatedResource.${i}` : 'relatedResource';
      if (!isObject(r)) return add('related_resource_not_object', path, 'Each related resource must be an object with an id and a digest, not a bare string.');
      if (!isUrl(r.id)) return add('related_resource_id_missing', `${path}.id`, 'Each related resource needs an id: the URL of the resource.');
      if (seen.has(r.id)) add('related_resource_duplicate', `${path}.id`, `${r.id} is listed more than once in relatedResource; list each resource once.`);
      seen.add(r.id);
      if (r.digestSRI === undefined && r.digestMultibase === undefined) add('related_resource_digest_missing', path, 'Each related resource needs digestSRI or digestMultibase, so a verifier can tell it has not changed.');
      if (r.digestSRI !== undefined && !parseDigestSri(r.digestSRI)) add('related_resource_digest_invalid', `${path}.digestSRI`, 'digestSRI must be sha256-, sha384- or sha512- followed by the base64 digest.');
      if (r.digestMultibase !== undefined && !parseDigestMultibase(r.digestMultibase)) add('related_resource_digest_invalid', `${path}.digestMultibase`, 'digestMultibase must be a multibase (u or z) multihash of sha2-256, sha2-384 or sha2-512.');
      if (r.mediaType !== undefined && typeof r.mediaType !== 'string') add('related_resource_media_type_invalid', `${path}.mediaType`, 'mediaType must be a media type string such as image/png.');
    });
  }
  return problems;
}

type Algorithm = 'sha256' | 'sha384' | 'sha512';
const LENGTHS: Record<Algorithm, number> = { sha256: 32, sha384: 48, sha512: 64 };
/** Multihash codes of the SHA-2 functions. */
const MULTIHASH: Record<number, Algorithm> = { 0x12: 'sha256', 0x20: 'sha384', 0x13: 'sha512' };

/** `sha384-<base64>` (Subresource Integrity) → algorithm and digest; null when malformed. */
export function parseDigestSri(value: unknown): { algorithm: Algorithm; digest: Buffer } | null {
  const m = typeof value === 'string' ? /^(sha256|sha384|sha512)-([A-Za-z0-9+/]+={0,2})$/.exec(value) : null;
  if (!m) return null;
  const algorithm = m[1] as Algorithm;
  const digest = Buffer.from(m[2]!, 'base64');
  return digest.length === LENGTHS[algorithm] ? { algorithm, digest } : null;
}

/** A multibase (`u` base64url or `z` base58btc) multihash → algorithm and digest; null when malformed. */
export function parseDigestMultibase(value: unknown): { algorithm: Algorithm; digest: Buffer } | null {
  if (typeof value !== 'string' || value.length < 2 || value.length > 200) return null;
  let bytes: Uint8Array;
  try {
    if (value[0] === 'u' && /^[A-Za-z0-9_-]+$/.test(value.slice(1))) bytes = Buffer.from(value.slice(1), 'base64url');
    else if (value[0] === 'z') bytes = base58btcDecode(value.slice(1), 2 + 64);
    else return null;
  } catch {
    return null;
  }
  const algorithm = MULTIHASH[bytes[0]!];
  if (!algorithm || bytes[1] !== LENGTHS[algorithm] || bytes.length !== 2 + LENGTHS[algorithm]) return null;
  return { algorithm, digest: Buffer.from(bytes.subarray(2)) };
}

/**
 * Checks the digests of the related resources whose bytes the caller can give (`bytesOf` answers
 * null for any other URL: those are checked for form only, never fetched).
 */
export async function checkRelatedResourceDigests(credential: Json, bytesOf: (url: string) => Promise<Uint8Array | null>): Promise<ModelProblem[]> {
  const problems: ModelProblem[] = [];
  const list = credential.relatedResource === undefined ? [] : [credential.relatedResource].flat();
  for (const [i, r] of list.entries()) {
    if (!isObject(r) || !isUrl(r.id)) continue;
    const bytes = await bytesOf(r.id);
    if (!bytes) continue;
    const path = Array.isArray(credential.relatedResource) ? `relatedResource.${i}` : 'relatedResource';
    for (const [key, parsed] of [['digestSRI', parseDigestSri(r.digestSRI)], ['digestMultibase', parseDigestMultibase(r.digestMultibase)]] as const) {
      if (!parsed) continue;
      const actual = createHash(parsed.algorithm).update(bytes).digest();
      if (!actual.equals(parsed.digest)) problems.push({ rule: 'related_resource_digest_mismatch', path: `${path}.${key}`, message: `The ${key} of ${r.id} does not match the resource this site serves at that address; compute it again from the current file.` });
    }
  }
  return problems;
}
