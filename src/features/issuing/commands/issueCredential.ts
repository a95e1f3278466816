import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { AppError, forbidden } from '../../../domain/errors.ts';
import { parseInput } from '../../../domain/validation.ts';
import {
  buildOpenBadgeCredential,
  type CredentialData,
  type IssuerProfile,
  type StatusEntry,
} from '../../../credentials/openBadgeCredential.ts';
import type { Organisation } from '../../../storage/schema.ts';
import { evaluatePathways } from '../jobTypes.ts';
import { addMonths } from '../../../domain/clock.ts';
import type { Queryable, Tx } from '../../../storage/database.ts';
import { publishedAchievement } from '../awardFacts.ts';
import { validateAchievementCredential } from '../../../credentials/schema.ts';
import {
  isoSeconds,
  issuerIdentifiers,
  publishStatusList,
  organisationKeys,
  signForOrganisation,
  statusListUrl,
  type OrganisationKeys,
  type CredentialServices,
  type IssuerIdentity,
} from '../../../signing/organisationSigner.ts';
import { inTransaction } from '../../../storage/database.ts';
import { pickFreeIndex, recordStatusEntries } from '../queries/statusLists.ts';
import { currentStatusList } from './statusListPublishing.ts';
import { recordAudit } from '../../../storage/audit.ts';
import { isUniqueViolation } from '../../../storage/pgErrors.ts';
import { findIssuingOrganisation } from '../queries/issuingFacts.ts';
import type { CommandDeps } from '../../../domain/commands.ts';
import { enqueueCompletionNotices, licenseFactsForIssue } from '../../credit/index.ts';
import { offerClaim } from './claimCredential.ts';
import { insertIssuedCredential, rememberAwardKey } from '../queries/storeCredential.ts';
import type { Config } from '../../../config.ts';

export { issueCredentialInput } from './issueCredentialInput.ts';
import { issueCredentialInput } from './issueCredentialInput.ts';

export type { IssuingActor } from '../issuingActor.ts';
import { organisationIdInput, type ActingFor } from '../issuingActor.ts';
import { actFor, ISSUE, type IssuingCommandInput } from '../issuerAccess.ts';
import { commandMessage } from '../../../web/i18n/commandMessages.ts';

/** Beside the credential's data: the organisation, and (Cairn's own jobs only) the account that earned it. */
const issueCallInput = organisationIdInput.extend({
  acceptedByUserId: z.number().int().positive().optional(),
});

export interface IssuedCredential {
  publicId: string;
  credential: Record<string, unknown>;
  /** The same credential as a VC-JWT: every credential issued here has one. */
  jwt: string | null;
  /** The caller asked for the VC-JWT (the VC API then answers with it, enveloped). */
  envelope?: boolean;
}

export type IssuingDeps = CommandDeps & { credentials: CredentialServices };

/** The unsigned credential for a status entry and the issuing organisation. */
export type Draft = (ctx: {
  issuerId: string;
  organisation: Organisation;
  status: StatusEntry;
  now: Date;
}) => Record<string, unknown>;

/** What Cairn stores about a credential besides its document. */
export interface IssueMeta {
  recipientEmail: string | null;
  recipientDid: string | null;
  /** The VC-JWT made beside the Data Integrity proof (every badge has one; RS256 on request). */
  jwt: 'EdDSA' | 'RS256';
  /** The identifier the credential names its issuer by (default: the organisation's did:web). */
  identity?: IssuerIdentity;
  microCredential?: { id: number; version: number };
  pathwayId?: number;
  /** The account that earned it through its own application: its claim is accepted at once. */
  acceptedByUserId?: number;
  /** The organisation and keys, when the caller already read them (read here otherwise). */
  prepared?: IssuingOrganisation;
}

export interface IssuingOrganisation {
  organisation: Organisation;
  keys: OrganisationKeys;
}

/** The issuing organisation (issuers only) and its active keys, read once per credential. */
export async function issuingOrganisation(
  deps: IssuingDeps,
  organisationId: number,
  options: { rsa: boolean },
): Promise<IssuingOrganisation> {
  const organisation = await findIssuingOrganisation(deps.db, organisationId);
  const keys = await organisationKeys(
    deps.db,
    deps.credentials.vault,
    organisation.id,
    deps.clock.now(),
    options,
  );
  return { organisation, keys };
}

/**
 * The issuer profile every credential carries: the organisation's DID and what its record says
 * (name, website). Never taken from a request, so a credential cannot name another organisation.
 * (Organisations have no email or image of their own yet; when they do, they belong here.)
 */
export function issuerProfile(
  issuerId: string,
  organisation: Pick<Organisation, 'name' | 'website'>,
): IssuerProfile {
  return {
    id: issuerId,
    name: organisation.name,
    ...(organisation.website ? { url: organisation.website } : {}),
  };
}

/** The credential's document id is taken: ids are unique per organisation (migration 0016). */
const credentialIdTaken = (id: string) =>
  new AppError('credential_id_taken', commandMessage('errors.issuing.credential.idTaken', { id }), {
    'credential.id': commandMessage('errors.issuing.credential.idTakenShort'),
  });

/**
 * Revocation and suspension entries at random free indexes of the organisation's current lists
 * (a list not signed yet is added to newLists, to be published after the commit). The OB 3.0
 * schema allows one credentialStatus object: the revocation entry goes in the document, read by
 * every verifier; the suspension entry is kept by Cairn and checked by Cairn's verifier and
 * public pages (see verifyCredential.ts).
 */
async function reserveStatusEntries(
  tx: Tx,
  config: Config,
  organisationId: number,
  now: Date,
  newLists: string[],
) {
  const entries = [];
  for (const purpose of ['revocation', 'suspension'] as const) {
    const list = await currentStatusList(tx, organisationId, purpose, now);
    if (list.signed_version < 0) newLists.push(list.public_id);
    entries.push({ list, index: await pickFreeIndex(tx, list), purpose });
  }
  const revocation = entries[0]!;
  const status: StatusEntry = {
    id: `${statusListUrl(config, revocation.list.public_id)}#${revocation.index}`,
    type: 'BitstringStatusListEntry',
    statusPurpose: 'revocation',
    statusListIndex: String(revocation.index),
    statusListCredential: statusListUrl(config, revocation.list.public_id),
  };
  return { entries, status };
}

/**
 * What follows storing a credential, in its transaction: a catalog award by email is remembered
 * under its award key, a credential sent to an email is offered to its recipient to claim (the
 * link emailed), and one that counts toward pathways gets the earner's pathways re-evaluated.
 */
async function afterStore(
  tx: Tx,
  deps: IssuingDeps,
  row: { id: number; public_id: string; organisationId: number },
  issued: { meta: IssueMeta; achievementName: string; issuedBy: number | null; now: Date },
): Promise<void> {
  const { meta, now } = issued;
  if (meta.microCredential && meta.recipientEmail)
    await rememberAwardKey(tx, {
      organisationId: row.organisationId,
      microCredential: meta.microCredential,
      recipientEmail: meta.recipientEmail,
      credentialId: row.id,
      now,
    });
  await offerClaim(
    tx,
    deps,
    {
      id: row.id,
      public_id: row.public_id,
      organisation_id: row.organisationId,
      recipient_email: meta.recipientEmail,
      achievement_name: issued.achievementName,
    },
    now,
    issued.issuedBy,
    { acceptedByUserId: meta.acceptedByUserId },
  );
  if (meta.microCredential && meta.recipientEmail)
    await enqueuePathwayEvaluation(tx, row.organisationId, meta.recipientEmail, now);
}

/** An Open Badges 3.0 credential must satisfy the official schema before it is signed. */
function requireOb3Schema(unsigned: Record<string, unknown>): void {
  if (![unsigned.type].flat().some((t) => t === 'OpenBadgeCredential' || t === 'AchievementCredential'))
    return;
  const schema = validateAchievementCredential(unsigned);
  if (!schema.valid)
    throw new AppError(
      'validation_failed',
      commandMessage('errors.issuing.credential.schema', { problems: schema.errors.join('; ') }),
    );
}

/**
 * The one issuing path: gives the credential revocation and suspension entries at random
 * indexes, validates OB 3.0 credentials against the official schema, signs, and stores the
 * signed text verbatim with its hash. Throws on any problem (issuing never half-succeeds).
 */
export async function issue(
  deps: IssuingDeps,
  actor: ActingFor,
  draft: Draft,
  meta: IssueMeta,
): Promise<IssuedCredential> {
  const { db, config, clock, credentials } = deps;
  const now = clock.now();
  // Facts first, keys read once (outside the transaction: a race to create one must not abort ours).
  const { organisation, keys } =
    meta.prepared ?? (await issuingOrganisation(deps, actor.organisationId, { rsa: meta.jwt === 'RS256' }));
  const identifiers = issuerIdentifiers(config, organisation, keys.signing, meta.identity);
  const newLists: string[] = [];
  let credentialId = '';
  const result = await inTransaction(db, async (tx) => {
    const { entries, status } = await reserveStatusEntries(tx, config, organisation.id, now, newLists);
    const unsigned = draft({ issuerId: identifiers.did, organisation, status, now });
    requireOb3Schema(unsigned);
    credentialId = String(unsigned.id);
    const { signed, jwt, keyId } = await signForOrganisation({
      config,
      canonicalizer: credentials.canonicalizer,
      organisation,
      keys,
      unsigned,
      now,
      jwt: meta.jwt,
      identity: meta.identity,
    });
    const subject = (signed.credentialSubject ?? {}) as { achievement?: { id?: string; name?: string } };
    const row = await insertIssuedCredential(tx, signed, {
      organisationId: organisation.id,
      recipientEmail: meta.recipientEmail,
      recipientDid: meta.recipientDid,
      keyId,
      jwt,
      issuedBy: actor.userId,
      microCredential: meta.microCredential,
      pathwayId: meta.pathwayId,
      now,
    });
    await recordStatusEntries(tx, row.id, entries);
    await afterStore(
      tx,
      deps,
      { id: row.id, public_id: row.public_id, organisationId: organisation.id },
      {
        meta,
        achievementName: subject.achievement?.name ?? String(signed.name ?? ''),
        issuedBy: actor.userId,
        now,
      },
    );
    // Recognizers of this version (or pathway) receive a completion notice (job; credit posts by their rule).
    await enqueueCompletionNotices(tx, row.id, now);
    await recordAudit(
      tx,
      {
        organisationId: organisation.id,
        actorUserId: actor.userId,
        action: 'credential.issued',
        subjectType: 'credential',
        subjectId: row.public_id,
        data: {
          achievement: subject.achievement?.id ?? null,
          recipient: meta.recipientEmail ?? meta.recipientDid,
        },
        ip: actor.ip,
      },
      now,
    );
    return { publicId: row.public_id, credential: signed, jwt };
  }).catch((err: unknown) => {
    // A repeat of one of this organisation's ids (also when two requests race with one id).
    throw isUniqueViolation(err, 'credentials_org_credential_id') ? credentialIdTaken(credentialId) : err;
  });
  for (const list of newLists) await publishStatusList(db, credentials, config, list, now, { keys });
  return result;
}

/**
 * Issues an Open Badges 3.0 credential built by Cairn from achievement and recipient data, for
 * the organisation `organisationId` (issuing staff, its token with credentials:issue, or a job).
 * `acceptedByUserId` (jobs only: an application passed) marks the claim accepted by that account.
 */
export async function issueCredential(
  deps: IssuingDeps,
  { actor, ...input }: IssuingCommandInput,
): Promise<IssuedCredential> {
  const { organisationId, acceptedByUserId } = parseInput(issueCallInput, input);
  const acting = await actFor(deps.db, actor, organisationId, ISSUE);
  if (acceptedByUserId !== undefined && !('kind' in actor && actor.kind === 'system'))
    throw forbidden(commandMessage('errors.issuing.credential.acceptedBySystem'));
  const v = parseInput(issueCredentialInput, input);
  const fromCatalog = v.microCredential
    ? await publishedAchievement(deps, organisationId, v.microCredential, v.microCredentialVersion)
    : null;
  const achievement = fromCatalog?.achievement ?? v.achievement!;
  // The recipient's confirmed license with a recognizer of this version: creditsEarned and licenseNumber (when not given).
  const licenseFacts =
    fromCatalog && v.creditsEarned === undefined && v.licenseNumber === undefined
      ? await licenseFactsForIssue(deps.db, {
          microCredentialId: fromCatalog.microCredential.id,
          version: fromCatalog.microCredential.version,
          recipientEmail: v.recipient.email,
          issuedOn: v.validFrom ?? deps.clock.now(),
          creditsAvailable: achievement.creditsAvailable,
        })
      : {};
  return issue(
    deps,
    acting,
    ({ issuerId, organisation, status, now }) => {
      const { formats: _formats, microCredential: _mc, microCredentialVersion: _version, ...data } = v;
      const credential: CredentialData = {
        ...data,
        ...licenseFacts,
        achievement,
        id: `urn:uuid:${randomUUID()}`,
        issuer: issuerProfile(issuerId, organisation),
        validFrom: v.validFrom ?? isoSeconds(now),
        // A micro-credential with a validity expires that many months after it is issued.
        validUntil:
          v.validUntil ??
          (fromCatalog?.validityMonths
            ? isoSeconds(addMonths(new Date(v.validFrom ?? now), fromCatalog.validityMonths))
            : undefined),
        credentialStatus: status,
      };
      return buildOpenBadgeCredential(credential);
    },
    {
      recipientEmail: v.recipient.email ?? null,
      recipientDid: v.recipient.did ?? null,
      jwt: v.formats.includes('jwt-rs256') ? 'RS256' : 'EdDSA',
      microCredential: fromCatalog?.microCredential,
      acceptedByUserId,
    },
  );
}

/** Enqueues a re-evaluation of an earner's pathways in an organisation (after an issue or a revocation). */
export async function enqueuePathwayEvaluation(
  db: Queryable,
  organisationId: number,
  recipientEmail: string,
  now: Date,
): Promise<void> {
  await evaluatePathways.enqueue(db, { organisationId, recipientEmail }, now, { organisationId });
}
