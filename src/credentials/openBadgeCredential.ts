import { createHash, randomBytes } from 'node:crypto';
import { OB_V3_CONTEXT, OB_V3_EXTENSIONS, VC_V2 } from './contexts.ts';

export const OB_SCHEMA_ID =
  'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json';

/** The achievement a credential is for: maps one-to-one onto the OB 3.0 `Achievement`. */
export interface AchievementData {
  id: string;
  name: string;
  description: string;
  criteria: { id?: string; narrative?: string };
  image?: { id: string; caption?: string };
  achievementType?: string;
  alignment?: Array<{
    targetName: string;
    targetUrl: string;
    targetCode?: string;
    targetFramework?: string;
    targetDescription?: string;
  }>;
  creditsAvailable?: number;
  humanCode?: string;
  tag?: string[];
  version?: string;
  /** The language of its name and description (BCP 47). */
  inLanguage?: string;
  /** Alternate language editions (or earlier versions) of the same achievement: OB 3.0 `Related`. */
  related?: Array<{ id: string; inLanguage?: string; version?: string }>;
}

/** The issuing organisation's `Profile`. */
export interface IssuerProfile {
  id: string;
  name: string;
  url?: string;
  email?: string;
  image?: { id: string; caption?: string };
}

/** Who receives it: a hashed email (salted sha256) and/or a DID. */
export interface Recipient {
  email?: string;
  did?: string;
  /** Salt for the email hash; random when omitted. */
  salt?: string;
}

export interface CredentialData {
  /** The credential's id, e.g. urn:uuid:… or https://…/credentials/…. */
  id: string;
  issuer: IssuerProfile;
  achievement: AchievementData;
  recipient: Recipient;
  validFrom: string;
  validUntil?: string;
  name?: string;
  description?: string;
  creditsEarned?: number;
  licenseNumber?: string;
  /** Rubric outcome, one result per criterion or overall. */
  results?: Array<{
    status?: 'Completed' | 'Enrolled' | 'Failed' | 'InProgress' | 'OnHold' | 'Provisional' | 'Withdrew';
    value?: string;
    achievedLevel?: string;
    resultDescription?: string;
  }>;
  evidence?: Array<{ id?: string; name?: string; narrative?: string; description?: string; genre?: string }>;
  activityStartDate?: string;
  activityEndDate?: string;
  /** One entry: the official OB 3.0 schema allows a single credentialStatus object. */
  credentialStatus?: StatusEntry;
}

/** A Bitstring Status List entry in a credential. */
export interface StatusEntry {
  id: string;
  type: 'BitstringStatusListEntry';
  statusPurpose: 'revocation' | 'suspension';
  statusListIndex: string;
  statusListCredential: string;
}

/** The salted sha256 identity hash OB 3.0 uses for an email: `sha256$<hex>`. */
export function hashEmailIdentity(email: string, salt: string): string {
  return `sha256$${createHash('sha256')
    .update(email.trim().toLowerCase() + salt)
    .digest('hex')}`;
}

const drop = <T extends Record<string, unknown>>(o: T): T =>
  Object.fromEntries(
    Object.entries(o).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0)),
  ) as T;

/** Builds an unsigned OpenBadgeCredential (VC 2.0 + OB 3.0 contexts) from Cairn's data. */
export function buildOpenBadgeCredential(data: CredentialData): Record<string, unknown> {
  const a = data.achievement;
  const achievement = drop({
    id: a.id,
    type: ['Achievement'],
    achievementType: a.achievementType,
    name: a.name,
    description: a.description,
    criteria: drop({ ...a.criteria }),
    image: a.image ? drop({ id: a.image.id, type: 'Image', caption: a.image.caption }) : undefined,
    alignment: a.alignment?.map((al) => drop({ type: ['Alignment'], ...al })),
    creditsAvailable: a.creditsAvailable,
    humanCode: a.humanCode,
    tag: a.tag,
    version: a.version,
    inLanguage: a.inLanguage,
    related: a.related?.map((r) =>
      drop({ id: r.id, type: ['Related'], inLanguage: r.inLanguage, version: r.version }),
    ),
  });
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
  if (!identifier && !data.recipient.did) throw new Error('A credential needs a recipient email or DID');
  const subject = drop({
    id: data.recipient.did,
    type: ['AchievementSubject'],
    identifier,
    achievement,
    creditsEarned: data.creditsEarned,
    licenseNumber: data.licenseNumber,
    result: data.results?.map((r) => drop({ type: ['Result'], ...r })),
    activityStartDate: data.activityStartDate,
    activityEndDate: data.activityEndDate,
  });
  return drop({
    '@context': [VC_V2, OB_V3_CONTEXT, OB_V3_EXTENSIONS],
    id: data.id,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: drop({
      id: data.issuer.id,
      type: ['Profile'],
      name: data.issuer.name,
      url: data.issuer.url,
      email: data.issuer.email,
      image: data.issuer.image
        ? drop({ id: data.issuer.image.id, type: 'Image', caption: data.issuer.image.caption })
        : undefined,
    }),
    validFrom: data.validFrom,
    validUntil: data.validUntil,
    name: data.name ?? a.name,
    description: data.description,
    credentialSubject: subject,
    evidence: data.evidence?.map((e) => drop({ type: ['Evidence'], ...e })),
    credentialSchema: [{ id: OB_SCHEMA_ID, type: '1EdTechJsonSchemaValidator2019' }],
    credentialStatus: data.credentialStatus,
  });
}
