import { createHash } from 'node:crypto';
import { base58btcDecode } from './base58.ts';
import { VC_V1, VC_V2 } from './contexts.ts';

/*
 * The W3C Verifiable Credentials Data Model rules, in one place: VC 2.0
 * (https://www.w3.org/TR/vc-data-model-2.0/) and, still common, VC 1.1 (base context
 * https://www.w3.org/2018/credentials/v1, issuanceDate/expirationDate). The issuer refuses to sign
 * a credential with any problem listed here (400 credential_invalid); the verifier reports the same
 * problems, with the same codes, as its data_model check. Pure: no I/O, except the digests of
 * related resources, which the caller resolves (checkRelatedResourceDigests, the issuer's extra).
 * JSON-LD problems (undefined terms, protected terms, unknown contexts) are jsonldCheck.ts's.
 *
 * Where the issuer's and the verifier's former checks disagreed, VC 2.0 decided (see "Decision").
 */

type Json = Record<string, unknown>;

/** One broken rule: a stable snake_case code (one per rule), where (a JSON path such as credentialSubject.0.id), and what to do, in plain words. */
export interface ModelProblem {
  code: string;
  path: string;
  message: string;
}

export type VcVersion = '2.0' | '1.1';

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A URL in the VC 2.0 sense (§4.4 Identifiers; "URL" is the WHATWG URL Standard): absolute (a
 * scheme and a colon: https:, did:, urn: …), parseable by the URL Standard, and a *valid* URL
 * string: no whitespace and none of the characters it excludes (< > " { } | \ ^ `).
 * Decision: the issuer checked the characters only, the verifier parsing only; VC 2.0 asks both.
 */
export function isUrl(value: unknown): value is string {
  return (
    typeof value === 'string' && /^[a-z][a-z0-9+.-]*:[^\s<>"{}|\\^`]+$/i.test(value) && URL.canParse(value)
  );
}

/** XML Schema 1.1 dateTime, the expression VC 2.0 gives; the time zone (group 4) is optional here and required by dateTimeStamp. */
const DATE_TIME =
  /^(-?(?:[1-9][0-9]{3,}|0[0-9]{3}))-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T(?:(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\.[0-9]+)?|24:00:00(?:\.0+)?)(Z|[+-](?:(?:0[0-9]|1[0-3]):[0-5][0-9]|14:00))?$/;

/**
 * The instant of an XML Schema dateTimeStamp (VC 2.0 validFrom/validUntil, Data Integrity
 * created/expires), or NaN. With `zoneOptional` (VC 1.1's xsd:dateTime), a time without a zone is
 * read as UTC rather than this server's local time. A day the month does not have (2026-02-30)
 * is not a date, though JavaScript would roll it over.
 */
export function parseDateTime(value: unknown, options: { zoneOptional?: boolean } = {}): number {
  if (typeof value !== 'string') return NaN;
  const m = DATE_TIME.exec(value);
  if (!m) return NaN;
  if (!m[4] && !options.zoneOptional) return NaN;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (
    day > new Date(Date.UTC(2000, month, 0)).getUTCDate() ||
    (month === 2 && day === 29 && !(year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)))
  )
    return NaN;
  return Date.parse(m[4] ? value : `${value}Z`);
}

export const isDateTimeStamp = (value: unknown): value is string => !Number.isNaN(parseDateTime(value));

/** Which version of the data model a document says it follows (by its first context), or null. */
export function vcVersion(doc: Json): VcVersion | null {
  const first = [doc['@context']].flat()[0];
  return first === VC_V2 ? '2.0' : first === VC_V1 ? '1.1' : null;
}

/** A list of types: one or more non-empty strings, or null. */
const typeList = (v: unknown): string[] | null => {
  const list = [v].flat();
  return v !== undefined && list.length > 0 && list.every((t) => typeof t === 'string' && t.length > 0)
    ? (list as string[])
    : null;
};

/** The path of item i of a property that holds one value or a list. */
const itemPath = (doc: Json, key: string, i: number, prefix = '') =>
  `${prefix}${key}${Array.isArray(doc[key]) ? `.${i}` : ''}`;

/** camelCase property → snake_case code part (credentialStatus → credential_status). */
const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

type Add = (code: string, path: string, message: string) => void;

/** @context: an ordered set whose first item is the base context; then URLs and/or context objects. Shared by credentials and presentations. */
function contextRules(doc: Json, what: 'credential' | 'presentation', add: Add): void {
  const context = doc['@context'];
  if (context === undefined)
    return add('context_missing', '@context', `A ${what} needs @context, starting with ${VC_V2}.`);
  if (!vcVersion(doc))
    add(
      'context_base_first',
      '@context',
      `The first @context of a ${what} must be the VC 2.0 base context ${VC_V2} (or ${VC_V1} for VC 1.1), not ${JSON.stringify([context].flat()[0])?.slice(0, 80)}.`,
    );
  [context]
    .flat()
    .slice(1)
    .forEach((c, i) => {
      if (!isUrl(c) && !isObject(c))
        add(
          'context_item_invalid',
          `@context.${i + 1}`,
          `Each further @context must be a URL or a context object; ${JSON.stringify(c)?.slice(0, 80)} is neither.`,
        );
    });
}

/** type: one or more names, `required` (VerifiableCredential or VerifiablePresentation) among them. */
function typeRules(doc: Json, required: 'VerifiableCredential' | 'VerifiablePresentation', add: Add): void {
  const list = doc.type === undefined ? [] : [doc.type].flat();
  const what = required === 'VerifiableCredential' ? 'credential' : 'presentation';
  if (list.length === 0) add('type_missing', 'type', `A ${what} needs a type: ["${required}", …].`);
  else if (!typeList(doc.type)) add('type_invalid', 'type', 'Every type must be a name (text).');
  else if (!list.includes(required))
    add(
      required === 'VerifiableCredential'
        ? 'type_not_verifiable_credential'
        : 'type_not_verifiable_presentation',
      'type',
      `One of the ${what}’s types must be ${required}.`,
    );
}

/**
 * name and description (VC 2.0 §4.6): a string, a language value object (§11.1: @value text,
 * optional @language, @direction ltr or rtl), or a list of those (one per language).
 * Decision: the verifier allowed language objects, the issuer did not check; VC 2.0 allows them.
 * VC 1.1 defines neither term: there a context the caller chose gives their meaning, so not checked.
 */
function textRules(doc: Json, prefix: string, add: Add): void {
  for (const key of ['name', 'description'] as const) {
    const value = doc[key];
    if (value === undefined) continue;
    const ok = (v: unknown) =>
      typeof v === 'string' ||
      (isObject(v) &&
        typeof v['@value'] === 'string' &&
        (v['@language'] === undefined || typeof v['@language'] === 'string') &&
        (v['@direction'] === undefined || v['@direction'] === 'ltr' || v['@direction'] === 'rtl'));
    const list = [value].flat();
    if (list.length === 0 || !list.every(ok))
      add(
        `${key}_invalid`,
        `${prefix}${key}`,
        `${prefix}${key} must be text, a language value object ({"@value": "…", "@language": "en"}) or a list of those.`,
      );
  }
}

/**
 * The objects that must say their type (VC 2.0 §4.10–§5.6), and which need an id:
 * credentialSchema always; refreshService in VC 1.1 (its Refreshing section: "its type … and its id").
 */
const TYPED: ReadonlyArray<{ key: string; idRequired: (version: VcVersion) => boolean }> = [
  { key: 'credentialStatus', idRequired: () => false },
  { key: 'credentialSchema', idRequired: () => true },
  { key: 'evidence', idRequired: () => false },
  { key: 'termsOfUse', idRequired: () => false },
  { key: 'refreshService', idRequired: (v) => v === '1.1' },
];

export interface CredentialModelOptions {
  /**
   * The credential as a caller hands it to an issuer (the VC API /credentials/issue), before the
   * issuer adds what is its to add: the issuer (and its id), and the start date VC 1.1 requires
   * (issuanceDate). Their absence is then no problem; a wrong value still is.
   */
  beforeIssuing?: boolean;
}

/**
 * Every data model problem of a credential (VC 2.0, or VC 1.1 on its base context); empty when
 * it conforms. The issuer refuses on any (with `beforeIssuing`), the verifier reports them.
 * Dates are checked for their form here; whether now is inside them is the verifier's validity window.
 */
// eslint-disable-next-line max-lines-per-function -- the VC Data Model checks one after another, in the order of the spec sections they come from; each is a few lines
export function credentialModelProblems(doc: Json, options: CredentialModelOptions = {}): ModelProblem[] {
  const problems: ModelProblem[] = [];
  const add: Add = (code, path, message) => void problems.push({ code, path, message });
  // Decision: a document whose first context is neither base context is read by VC 2.0 rules.
  const version = vcVersion(doc) ?? '2.0';

  contextRules(doc, 'credential', add);

  // Identifier: absent, or one URL.
  if ('id' in doc && !isUrl(doc.id))
    add(
      'id_not_url',
      'id',
      doc.id === null
        ? 'id is null: give the credential a single URL (such as urn:uuid:…), or leave id out.'
        : 'The credential id must be a single URL, such as urn:uuid:… or https://….',
    );

  typeRules(doc, 'VerifiableCredential', add);

  // Issuer: a URL, or an object whose id is a URL (VC 2.0 §4.7).
  const issuer = doc.issuer;
  if (issuer === undefined) {
    if (!options.beforeIssuing) add('issuer_missing', 'issuer', 'The credential names no issuer.');
  } else if (issuer === null)
    add(
      'issuer_null',
      'issuer',
      'issuer is null: it must be the issuer’s URL (such as its DID), or an object with that URL as its id.',
    );
  else if (isObject(issuer)) {
    if ('id' in issuer ? !isUrl(issuer.id) : !options.beforeIssuing)
      add('issuer_id_not_url', 'issuer.id', 'issuer.id must be a URL: the issuer’s DID or web address.');
    if (version === '2.0') textRules(issuer, 'issuer.', add);
  } else if (!isUrl(issuer))
    add('issuer_not_url', 'issuer', 'issuer must be a URL (such as a DID) or an object whose id is one.');

  if (version === '2.0') textRules(doc, '', add);

  // Subjects: at least one, each an object stating at least one claim (an id or a property).
  const subject = doc.credentialSubject;
  if (subject === undefined || subject === null)
    add(
      'credential_subject_missing',
      'credentialSubject',
      'A credential needs a credentialSubject: who or what it makes claims about.',
    );
  else {
    const subjects = [subject].flat();
    if (subjects.length === 0)
      add(
        'credential_subject_empty',
        'credentialSubject',
        'credentialSubject must hold at least one subject.',
      );
    subjects.forEach((s, i) => {
      const path = itemPath(doc, 'credentialSubject', i);
      if (!isObject(s))
        add('credential_subject_not_object', path, 'Each credential subject must be an object.');
      else if (Object.keys(s).length === 0)
        add(
          'credential_subject_empty',
          path,
          'A credential subject must state at least one claim (an id or a property); this one is empty.',
        );
      else if ('id' in s && !isUrl(s.id))
        add(
          'credential_subject_id_not_url',
          `${path}.id`,
          'A credential subject’s id must be a single URL (such as a DID).',
        );
    });
  }

  // Objects that must say what type they are, and their identifiers.
  for (const { key, idRequired } of TYPED) {
    const value = doc[key];
    if (value === undefined) continue;
    const list = [value].flat();
    if (value === null || list.length === 0)
      add(`${snake(key)}_not_object`, key, `${key} must be one object or a list of objects.`);
    list.forEach((item, i) => {
      const path = itemPath(doc, key, i);
      if (!isObject(item))
        return add(`${snake(key)}_not_object`, path, `Each ${key} must be an object with a type.`);
      if (!typeList(item.type))
        add(
          `${snake(key)}_type_missing`,
          `${path}.type`,
          `Each ${key} must say its type (the VC Data Model lists it among the objects that must have a type).`,
        );
      const required = idRequired(version);
      if ((required || 'id' in item) && !isUrl(item.id))
        add(
          `${snake(key)}_id_not_url`,
          `${path}.id`,
          required && item.id === undefined
            ? `Each ${key} needs an id: the URL of the ${key === 'credentialSchema' ? 'schema' : 'service'}.`
            : `The id of a ${key} must be a single URL.`,
        );
    });
  }

  // Validity period: VC 2.0 validFrom/validUntil (dateTimeStamp), VC 1.1 issuanceDate/expirationDate (dateTime).
  if (version === '1.1') {
    // Decision: VC 1.1 requires issuanceDate (VC 2.0 keeps 1.1 documents to their own rules); the
    // verifier reports its absence, an issuer adds it before signing.
    if (doc.issuanceDate === undefined && !options.beforeIssuing)
      add('issuance_date_missing', 'issuanceDate', 'A VC 1.1 credential must have an issuanceDate.');
    for (const key of ['issuanceDate', 'expirationDate'] as const) {
      if (doc[key] !== undefined && Number.isNaN(parseDateTime(doc[key], { zoneOptional: true })))
        add(
          `${snake(key)}_invalid`,
          key,
          `${key} must be an XML Schema date-time such as 2026-05-01T00:00:00Z.`,
        );
    }
  } else {
    for (const key of ['validFrom', 'validUntil'] as const) {
      if (doc[key] !== undefined && !isDateTimeStamp(doc[key]))
        add(
          `${snake(key)}_invalid`,
          key,
          `${key} must be a date-time with its time zone (XML Schema dateTimeStamp), such as 2026-05-01T00:00:00Z.`,
        );
    }
    // "the same or later": equal instants are fine.
    if (parseDateTime(doc.validUntil) < parseDateTime(doc.validFrom))
      add(
        'validity_period_reversed',
        'validUntil',
        'validUntil is before validFrom: a credential cannot stop being valid before it starts.',
      );
  }

  // Related resources (VC 2.0 §5.3): objects with an id, each id once, each with a digest.
  if (doc.relatedResource !== undefined) {
    const list = [doc.relatedResource].flat();
    if (doc.relatedResource === null || list.length === 0)
      add(
        'related_resource_not_object',
        'relatedResource',
        'relatedResource must be one object or a list of objects, each with an id and a digest.',
      );
    const seen = new Set<string>();
    list.forEach((r, i) => {
      const path = itemPath(doc, 'relatedResource', i);
      if (!isObject(r))
        return add(
          'related_resource_not_object',
          path,
          'Each related resource must be an object with an id and a digest, not a bare string.',
        );
      if (!isUrl(r.id))
        return add(
          'related_resource_id_missing',
          `${path}.id`,
          'Each related resource needs an id: the URL of the resource.',
        );
      if (seen.has(r.id))
        add(
          'related_resource_duplicate',
          `${path}.id`,
          `${r.id} is listed more than once in relatedResource; list each resource once.`,
        );
      seen.add(r.id);
      if (r.digestSRI === undefined && r.digestMultibase === undefined)
        add(
          'related_resource_digest_missing',
          path,
          'Each related resource needs digestSRI or digestMultibase, so a verifier can tell it has not changed.',
        );
      if (r.digestSRI !== undefined && !parseDigestSri(r.digestSRI))
        add(
          'related_resource_digest_invalid',
          `${path}.digestSRI`,
          'digestSRI must be sha256-, sha384- or sha512- followed by the base64 digest.',
        );
      if (r.digestMultibase !== undefined && !parseDigestMultibase(r.digestMultibase))
        add(
          'related_resource_digest_invalid',
          `${path}.digestMultibase`,
          'digestMultibase must be a multibase (u or z) multihash of sha2-256, sha2-384 or sha2-512.',
        );
      if (r.mediaType !== undefined && typeof r.mediaType !== 'string')
        add(
          'related_resource_media_type_invalid',
          `${path}.mediaType`,
          'mediaType must be a media type string such as image/png.',
        );
    });
  }
  return problems;
}

/** The data model problems of a presentation (VC 2.0 §4.13, or VC 1.1); empty when it conforms. */
export function presentationModelProblems(doc: Json): ModelProblem[] {
  const problems: ModelProblem[] = [];
  const add: Add = (code, path, message) => void problems.push({ code, path, message });
  contextRules(doc, 'presentation', add);
  if ('id' in doc && !isUrl(doc.id)) add('id_not_url', 'id', 'The presentation id must be a single URL.');
  typeRules(doc, 'VerifiablePresentation', add);
  if (doc.holder !== undefined && !isUrl(doc.holder) && !(isObject(doc.holder) && isUrl(doc.holder.id)))
    add('holder_invalid', 'holder', 'The holder must be a URL, or an object whose id is a URL.');
  const presented = doc.verifiableCredential === undefined ? [] : [doc.verifiableCredential].flat();
  // VC 2.0: objects only (credentials or enveloped credentials); VC 1.1 also carried VC-JWTs as strings.
  const v11 = vcVersion(doc) === '1.1';
  presented.forEach((v, i) => {
    if (!isObject(v) && !(v11 && typeof v === 'string'))
      add(
        'presentation_invalid',
        itemPath(doc, 'verifiableCredential', i),
        'verifiableCredential must hold credentials (objects), not numbers, strings or URLs.',
      );
  });
  return problems;
}

/** The holder's id (a URL or the id of the holder object), or undefined. */
export const holderId = (vp: Json): string | undefined =>
  typeof vp.holder === 'string'
    ? vp.holder
    : isObject(vp.holder) && typeof vp.holder.id === 'string'
      ? vp.holder.id
      : undefined;

/** True when the credential says it is an Open Badge (OB 3.0 or CLR 2.0): the OB checks then decide. */
export function claimsOpenBadge(doc: Json): boolean {
  return [doc.type]
    .flat()
    .some(
      (t) =>
        t === 'OpenBadgeCredential' ||
        t === 'AchievementCredential' ||
        t === 'EndorsementCredential' ||
        t === 'ClrCredential',
    );
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
    if (value[0] === 'u' && /^[A-Za-z0-9_-]+$/.test(value.slice(1)))
      bytes = Buffer.from(value.slice(1), 'base64url');
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
export async function checkRelatedResourceDigests(
  credential: Json,
  bytesOf: (url: string) => Promise<Uint8Array | null>,
): Promise<ModelProblem[]> {
  const problems: ModelProblem[] = [];
  const list = credential.relatedResource === undefined ? [] : [credential.relatedResource].flat();
  for (const [i, r] of list.entries()) {
    if (!isObject(r) || !isUrl(r.id)) continue;
    const bytes = await bytesOf(r.id);
    if (!bytes) continue;
    const path = Array.isArray(credential.relatedResource) ? `relatedResource.${i}` : 'relatedResource';
    for (const [key, parsed] of [
      ['digestSRI', parseDigestSri(r.digestSRI)],
      ['digestMultibase', parseDigestMultibase(r.digestMultibase)],
    ] as const) {
      if (!parsed) continue;
      const actual = createHash(parsed.algorithm).update(bytes).digest();
      if (!actual.equals(parsed.digest))
        problems.push({
          code: 'related_resource_digest_mismatch',
          path: `${path}.${key}`,
          message: `The ${key} of ${r.id} does not match the resource this site serves at that address; compute it again from the current file.`,
        });
    }
  }
  return problems;
}
