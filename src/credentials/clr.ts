import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv2019, type ErrorObject, type ValidateFunction } from 'ajv/dist/2019.js';
import type { FormatsPlugin } from 'ajv-formats';
import { CLR_V2_CONTEXT, OB_V3_CONTEXT, OB_V3_EXTENSIONS, VC_V2 } from './contexts.ts';
import { hashEmailIdentity } from './openBadgeCredential.ts';
import type { SchemaResult } from './schema.ts';

export const CLR_SCHEMA_ID =
  'https://purl.imsglobal.org/spec/clr/v2p0/schema/json/clr_v2p0_clrcredential_schema.json';

/** CLR 2.0 AssociationType values. */
export const ASSOCIATION_TYPES = [
  'exactMatchOf',
  'isChildOf',
  'isParentOf',
  'isPartOf',
  'isPeerOf',
  'isRelatedTo',
  'precedes',
  'replacedBy',
] as const;
export type AssociationType = (typeof ASSOCIATION_TYPES)[number];

export interface Association {
  associationType: AssociationType;
  /** The achievement the association is from (an Achievement id). */
  sourceId: string;
  /** The achievement it points to. */
  targetId: string;
}

export interface ClrData {
  id?: string;
  issuer: { id: string; name: string; url?: string };
  name: string;
  description?: string;
  validFrom: string;
  /** The learner: a hashed email and/or a DID. */
  recipient: { email?: string; did?: string; salt?: string };
  /** The signed OB 3.0 credentials the transcript gathers (as issued). */
  credentials: Record<string, unknown>[];
  associations?: Association[];
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Builds an unsigned CLR 2.0 `ClrCredential`: a `ClrSubject` with the credentials as issued in
 * `verifiableCredential`, their achievements in `achievement`, and `association`s (a micro-credential
 * is a child of the pathway it counts toward).
 */
export function buildClrCredential(data: ClrData): Json {
  const achievements: Json[] = [];
  for (const c of data.credentials) {
    const a = isObject(c.credentialSubject) ? c.credentialSubject.achievement : undefined;
    if (isObject(a) && !achievements.some((x) => x.id === a.id)) achievements.push(a);
  }
  const salt = data.recipient.salt ?? randomBytes(12).toString('hex');
  const identifier = data.recipient.email
    ? [
        {
          type: 'IdentityObject',
          identityHash: hashEmailIdentity(data.recipient.email, salt),
          identityType: 'emailAddress',
          hashed: true,
          salt,
        },
      ]
    : undefined;
  if (!identifier && !data.recipient.did) throw new Error('A transcript needs a learner email or DID');
  const subject: Json = { type: ['ClrSubject'] };
  if (data.recipient.did) subject.id = data.recipient.did;
  if (identifier) subject.identifier = identifier;
  subject.verifiableCredential = data.credentials;
  if (achievements.length) subject.achievement = achievements;
  if (data.associations?.length)
    subject.association = data.associations.map((a) => ({
      type: 'Association',
      associationType: a.associationType,
      sourceId: a.sourceId,
      targetId: a.targetId,
    }));
  const issuer: Json = { id: data.issuer.id, type: ['Profile'], name: data.issuer.name };
  if (data.issuer.url) issuer.url = data.issuer.url;
  const credential: Json = {
    '@context': [VC_V2, CLR_V2_CONTEXT, OB_V3_CONTEXT, OB_V3_EXTENSIONS],
    id: data.id ?? `urn:uuid:${randomUUID()}`,
    type: ['VerifiableCredential', 'ClrCredential'],
    issuer,
    name: data.name,
    validFrom: data.validFrom,
    credentialSubject: subject,
    credentialSchema: [{ id: CLR_SCHEMA_ID, type: '1EdTechJsonSchemaValidator2019' }],
  };
  if (data.description) credential.description = data.description;
  return credential;
}

export function isClrCredential(credential: Json): boolean {
  return [credential.type].flat().includes('ClrCredential');
}

const isIri = (v: unknown) => typeof v === 'string' && /^[a-z][a-z0-9+.-]*:\S+$/i.test(v);

// ajv-formats is CommonJS; require() gives the plugin function itself.
const addFormats = createRequire(import.meta.url)('ajv-formats') as FormatsPlugin;
let clrSchema: ValidateFunction | undefined;
/**
 * The official CLR 2.0 ClrCredential JSON Schema (schemas/clrcredential.json, an unchanged copy of
 * clr_v2p0_clrcredential_schema.json, draft 2019-09), compiled once. `strictTuples: false`: its
 * `@context` tuples have no `maxItems`, which ajv's strict mode refuses.
 */
function officialSchema(): ValidateFunction {
  if (!clrSchema) {
    const ajv = new Ajv2019({ strictTuples: false, strict: false, allErrors: true });
    addFormats(ajv);
    clrSchema = ajv.compile(
      JSON.parse(readFileSync(new URL('./schemas/clrcredential.json', import.meta.url), 'utf8')) as Record<
        string,
        unknown
      >,
    );
  }
  return clrSchema;
}

const describeErrors = (errors: ErrorObject[] | null | undefined): string[] =>
  (errors ?? [])
    .slice(0, 20)
    .map(
      (e) =>
        `${e.instancePath || '/'} ${e.message ?? 'is invalid'}${e.params && 'allowedValues' in e.params ? ` (${String(e.params.allowedValues)})` : ''} (CLR 2.0 schema)`,
    );

/**
 * Checks a ClrCredential against the official CLR 2.0 JSON Schema, and against what the data
 * model says beyond it (VC 2.0 and CLR contexts, both types, a learner, at least one credential,
 * associations with a known associationType). Transcripts are signed only when this passes.
 */
export function validateClrCredential(c: Json): SchemaResult {
  const validate = officialSchema();
  const errors: string[] = validate(c) ? [] : describeErrors(validate.errors);
  const contexts = [c['@context']].flat();
  if (contexts[0] !== VC_V2) errors.push('/@context must start with the VC 2.0 context');
  if (!contexts.includes(CLR_V2_CONTEXT)) errors.push(`/@context must include ${CLR_V2_CONTEXT}`);
  const types = [c.type].flat();
  if (!types.includes('VerifiableCredential') || !types.includes('ClrCredential'))
    errors.push('/type must include VerifiableCredential and ClrCredential');
  if (!isIri(c.id)) errors.push('/id must be a URI');
  const issuer = c.issuer;
  if (!isObject(issuer) || !isIri(issuer.id) || ![issuer.type].flat().includes('Profile'))
    errors.push('/issuer must be a Profile with an id');
  if (typeof c.name !== 'string' || !c.name) errors.push('/name is required');
  if (typeof c.validFrom !== 'string' || Number.isNaN(Date.parse(c.validFrom)))
    errors.push('/validFrom must be a date-time');
  const s = c.credentialSubject;
  if (!isObject(s)) errors.push('/credentialSubject must be an object');
  else {
    if (![s.type].flat().includes('ClrSubject'))
      errors.push('/credentialSubject/type must include ClrSubject');
    const vcs = s.verifiableCredential;
    if (!Array.isArray(vcs) || vcs.length === 0)
      errors.push('/credentialSubject/verifiableCredential must hold at least one credential');
    else
      vcs.forEach((v, i) => {
        if (!isObject(v) || ![v.type].flat().includes('VerifiableCredential'))
          errors.push(`/credentialSubject/verifiableCredential/${i} must be a verifiable credential`);
      });
    if (
      s.achievement !== undefined &&
      (!Array.isArray(s.achievement) || s.achievement.some((a) => !isObject(a) || !isIri(a.id)))
    )
      errors.push('/credentialSubject/achievement must be a list of achievements with ids');
    if (s.association !== undefined) {
      if (!Array.isArray(s.association)) errors.push('/credentialSubject/association must be a list');
      else
        s.association.forEach((a, i) => {
          if (
            !isObject(a) ||
            a.type !== 'Association' ||
            !(ASSOCIATION_TYPES as readonly unknown[]).includes(a.associationType) ||
            !isIri(a.sourceId) ||
            !isIri(a.targetId)
          )
            errors.push(
              `/credentialSubject/association/${i} must be an Association with associationType, sourceId and targetId`,
            );
        });
    }
    if (s.id === undefined && !Array.isArray(s.identifier))
      errors.push('/credentialSubject needs an id or an identifier');
  }
  return { valid: errors.length === 0, errors };
}
