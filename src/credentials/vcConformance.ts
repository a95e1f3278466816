/*
 * The W3C Verifiable Credentials data model, as a verifier reads it: VC 2.0
 * (https://www.w3.org/TR/vc-data-model-2.0/) and, still common, VC 1.1 (base context
 * https://www.w3.org/2018/credentials/v1, issuanceDate/expirationDate). Pure rules on the JSON;
 * JSON-LD well-formedness (every term defined, safe mode) is proved by canonicalization.
 */
import { VC_V1, VC_V2 } from './contexts.ts';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** An absolute URL (https:, did:, urn: …), as VC 2.0 §4.4 Identifiers asks. */
export function isUrl(value: unknown): value is string {
  return typeof value === 'string' && /^[a-z][a-z0-9+.-]*:[^\s]+$/i.test(value) && URL.canParse(value);
}

/** XML Schema 1.1 dateTimeStamp: a dateTime WITH its time zone (VC 2.0 validFrom/validUntil, Data Integrity created/expires). */
const DATE_TIME = /^-?(?:[1-9][0-9]{3,}|0[0-9]{3})-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])T(?:(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\.[0-9]+)?|24:00:00(?:\.0+)?)(Z|[+-](?:(?:0[0-9]|1[0-3]):[0-5][0-9]|14:00))?$/;

/** The instant of an XML Schema dateTimeStamp (time zone required unless `zoneOptional`, as VC 1.1 allows), or NaN. */
export function parseDateTime(value: unknown, options: { zoneOptional?: boolean } = {}): number {
  if (typeof value !== 'string') return NaN;
  const m = DATE_TIME.exec(value);
  if (!m) return NaN;
  if (!m[1] && !options.zoneOptional) return NaN;
  // Without a zone (VC 1.1 only), the time is read as UTC rather than this server's local time.
  return Date.parse(m[1] ? value : `${value}Z`);
}

export const isDateTimeStamp = (value: unknown): boolean => !Number.isNaN(parseDateTime(value));

/** Which version of the data model a document says it follows (by its first context), or null. */
export function vcVersion(doc: Json): '2.0' | '1.1' | null {
  const first = [doc['@context']].flat()[0];
  return first === VC_V2 ? '2.0' : first === VC_V1 ? '1.1' : null;
}

export interface ModelProblem {
  code: string;
  message: string;
}

const types = (v: unknown): unknown[] => (v === undefined ? [] : [v].flat());

function contextProblems(doc: Json, what: string): ModelProblem[] {
  const ctx = doc['@context'];
  if (ctx === undefined) return [{ code: 'context_missing', message: `The ${what} has no @context` }];
  const list = [ctx].flat();
  if (list[0] !== VC_V2 && list[0] !== VC_V1) return [{ code: 'context_invalid', message: `The first @context of a ${what} must be ${VC_V2} (or ${VC_V1} for VC 1.1), not ${JSON.stringify(list[0])?.slice(0, 80)}` }];
  const bad = list.slice(1).find((c) => !isUrl(c) && !isObject(c));
  if (bad !== undefined) return [{ code: 'context_invalid', message: `Every @context after the first must be a URL or a context object; ${JSON.stringify(bad)?.slice(0, 80)} is neither` }];
  return [];
}

/** A `name` or `description`: a string, a language value object, or a list of those. */
function textProblems(doc: Json, field: 'name' | 'description', where: string): ModelProblem[] {
  const value = doc[field];
  if (value === undefined) return [];
  const ok = (v: unknown) => typeof v === 'string' || (isObject(v) && typeof v['@value'] === 'string');
  return [value].flat().every(ok) ? [] : [{ code: 'property_invalid', message: `${where}${field} must be text or a language value object ({"@value", "@language"})` }];
}

/** The type-bearing members of VC 2.0 §4.10–5.x: each value is an object with a type (and some an id). */
const TYPED: ReadonlyArray<{ field: string; idRequired?: boolean; idRequiredIn11?: boolean }> = [
  { field: 'credentialStatus' },
  { field: 'credentialSchema', idRequired: true },
  { field: 'evidence' },
  { field: 'termsOfUse' },
  { field: 'refreshService', idRequiredIn11: true },
];

function typedProblems(doc: Json, version: '2.0' | '1.1'): ModelProblem[] {
  const problems: ModelProblem[] = [];
  for (const { field, idRequired, idRequiredIn11 } of TYPED) {
    if (doc[field] === undefined) continue;
    for (const [i, entry] of [doc[field]].flat().entries()) {
      const at = Array.isArray(doc[field]) ? `${field}[${i}]` : field;
      if (!isObject(entry)) problems.push({ code: 'property_invalid', message: `${at} must be an object` });
      else if (types(entry.type).length === 0 || !types(entry.type).every((t) => typeof t === 'string' && t)) problems.push({ code: 'property_invalid', message: `${at} must say its type` });
      else if ((idRequired || (idRequiredIn11 && version === '1.1')) && entry.id === undefined) problems.push({ code: 'property_invalid', message: `${at} must have an id` });
      else if (entry.id !== undefined && !isUrl(entry.id)) problems.push({ code: 'property_invalid', message: `${at}.id must be a URL` });
    }
  }
  return problems;
}

/**
 * The data model rules a verifier checks on a credential (VC 2.0 or VC 1.1). Empty when it
 * conforms. Dates are checked for their form here; whether now is inside them is validityWindow.
 */
export function credentialModelProblems(doc: Json): ModelProblem[] {
  const problems = contextProblems(doc, 'credential');
  const version = vcVersion(doc) ?? '2.0';
  if (doc.id !== undefined && !isUrl(doc.id)) problems.push({ code: 'id_invalid', message: 'The credential id must be a single URL' });
  const type = types(doc.type);
  if (!type.includes('VerifiableCredential')) problems.push({ code: 'type_invalid', message: 'The type must include VerifiableCredential' });
  else if (!type.every((t) => typeof t === 'string' && t)) problems.push({ code: 'type_invalid', message: 'Every type must be a name (text)' });
  const issuer = doc.issuer;
  if (issuer === undefined) problems.push({ code: 'issuer_invalid', message: 'The credential names no issuer' });
  else if (!isUrl(issuer) && !(isObject(issuer) && isUrl(issuer.id))) problems.push({ code: 'issuer_invalid', message: 'The issuer must be a URL, or an object whose id is a URL' });
  else if (isObject(issuer)) problems.push(...textProblems(issuer, 'name', 'issuer.'), ...textProblems(issuer, 'description', 'issuer.'));
  problems.push(...textProblems(doc, 'name', ''), ...textProblems(doc, 'description', ''));
  const subjects = doc.credentialSubject === undefined ? [] : [doc.credentialSubject].flat();
  if (subjects.length === 0) problems.push({ code: 'subject_invalid', message: 'The credential has no credentialSubject' });
  else if (!subjects.every((s) => isObject(s) && Object.keys(s).length > 0)) problems.push({ code: 'subject_invalid', message: 'Every credentialSubject must be an object with at least one claim' });
  else if (subjects.some((s) => isObject(s) && s.id !== undefined && !isUrl(s.id))) problems.push({ code: 'subject_invalid', message: 'A credentialSubject id must be a URL' });

  if (version === '2.0') {
    for (const field of ['validFrom', 'validUntil'] as const) {
      if (doc[field] !== undefined && !isDateTimeStamp(doc[field])) problems.push({ code: 'date_invalid', message: `${field} must be a date and time with its time zone (XML Schema dateTimeStamp), e.g. 2026-01-15T10:00:00Z` });
    }
    const from = parseDateTime(doc.validFrom);
    const until = parseDateTime(doc.validUntil);
    if (from > until) problems.push({ code: 'date_invalid', message: 'validFrom is later than validUntil' });
  } else {
    if (doc.issuanceDate === undefined) problems.push({ code: 'date_invalid', message: 'A VC 1.1 credential must have an issuanceDate' });
    for (const field of ['issuanceDate', 'expirationDate'] as const) {
      if (doc[field] !== undefined && Number.isNaN(parseDateTime(doc[field], { zoneOptional: true }))) problems.push({ code: 'date_invalid', message: `${field} must be an XML Schema dateTime, e.g. 2026-01-15T10:00:00Z` });
    }
  }
  problems.push(...typedProblems(doc, version));
  return problems;
}

/** The data model rules of a presentation (VC 2.0 §4.13, or VC 1.1). Empty when it conforms. */
export function presentationModelProblems(doc: Json): ModelProblem[] {
  const problems = contextProblems(doc, 'presentation');
  if (doc.id !== undefined && !isUrl(doc.id)) problems.push({ code: 'id_invalid', message: 'The presentation id must be a single URL' });
  const type = types(doc.type);
  if (!type.includes('VerifiablePresentation') || !type.every((t) => typeof t === 'string' && t)) problems.push({ code: 'type_invalid', message: 'The type must include VerifiablePresentation' });
  if (doc.holder !== undefined && !isUrl(doc.holder) && !(isObject(doc.holder) && isUrl(doc.holder.id))) problems.push({ code: 'holder_invalid', message: 'The holder must be a URL, or an object whose id is a URL' });
  const version = vcVersion(doc);
  const presented = doc.verifiableCredential === undefined ? [] : [doc.verifiableCredential].flat();
  // VC 2.0: objects only (credentials or enveloped credentials); VC 1.1 also carried VC-JWTs as strings.
  if (presented.some((v) => !isObject(v) && !(version === '1.1' && typeof v === 'string'))) problems.push({ code: 'presentation_invalid', message: 'verifiableCredential must hold credentials (objects), not numbers, strings or URLs' });
  return problems;
}

/** The holder's id (a URL or the id of the holder object), or undefined. */
export const holderId = (vp: Json): string | undefined => (typeof vp.holder === 'string' ? vp.holder : isObject(vp.holder) && typeof vp.holder.id === 'string' ? vp.holder.id : undefined);

/** True when the credential says it is an Open Badge (OB 3.0 or CLR 2.0): the OB checks then decide. */
export function claimsOpenBadge(doc: Json): boolean {
  return types(doc.type).some((t) => t === 'OpenBadgeCredential' || t === 'AchievementCredential' || t === 'EndorsementCredential' || t === 'ClrCredential');
}
