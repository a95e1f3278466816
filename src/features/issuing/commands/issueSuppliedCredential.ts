import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../../../domain/errors.ts';
import { parseInput } from '../../../domain/validation.ts';
import type { StatusEntry } from '../../../credentials/openBadgeCredential.ts';
import type { Organisation } from '../../../storage/schema.ts';
import {
  isoSeconds,
  issuerIdentifiers,
  statusListUrl,
  type IssuerIdentity,
} from '../../../signing/organisationSigner.ts';
import {
  checkRelatedResourceDigests,
  credentialModelProblems,
  vcVersion,
  type ModelProblem,
} from '../../../credentials/vcDataModel.ts';
import { checkJsonLd, type JsonLdProblem } from '../../../credentials/jsonldCheck.ts';
import { badgeImageFiles, issuedDocument } from '../queries/issuedCredentials.ts';
import { DATA_INTEGRITY_V2, STATUS_LIST_V1 } from '../../../credentials/contexts.ts';
import type { Config } from '../../../config.ts';
import {
  issue,
  issuingOrganisation,
  issuerProfile,
  type IssuingDeps,
  type IssuedCredential,
} from './issueCredential.ts';
import { organisationIdInput } from '../issuingActor.ts';
import { actFor, ISSUE, type IssuingCommandInput } from '../issuerAccess.ts';
import { commandMessage } from '../../../web/i18n/commandMessages.ts';

// Issuing a credential the caller wrote (the VC API's /credentials/issue): checked against the data
// model, the JSON-LD rules and the issuing organisation, then signed and recorded like any other.

export const suppliedCredentialInput = z.object({
  credential: z.record(z.string(), z.unknown(), {
    error: 'Send the credential to issue as a JSON object: {"credential": {…}}.',
  }),
  options: z
    .object({
      format: z.enum(['ldp', 'jwt']).optional(),
      alg: z.enum(['EdDSA', 'RS256']).optional(),
      /** did:key issues as the did:key of the organisation's active Ed25519 key; did:web (the default) as its did:web. */
      issuerIdentity: z.enum(['did:web', 'did:key']).optional(),
    })
    .passthrough()
    .optional(),
});

/** A supplied credential breaks VC Data Model rules: 400 credential_invalid, each rule named by its path. */
function modelError(problems: ModelProblem[]): AppError {
  const fields = Object.fromEntries(
    problems.map((p) => [`credential.${p.path}`, `${p.message} (rule: ${p.code})`]),
  );
  const first = problems[0]!;
  return new AppError(
    'credential_invalid',
    problems.length === 1
      ? commandMessage('errors.issuing.credential.notVcdm', { problem: first.message })
      : problems.length === 2
        ? commandMessage('errors.issuing.credential.notVcdmOneMore', { problem: first.message })
        : commandMessage('errors.issuing.credential.notVcdmMore', {
            problem: first.message,
            count: problems.length - 1,
          }),
    fields,
  );
}

/** A supplied credential is not valid JSON-LD: 400 jsonld_invalid, with the term or context at fault. */
function jsonLdError(problem: JsonLdProblem): AppError {
  const fields: Record<string, string> = { credential: problem.message, jsonld_code: problem.jsonldCode };
  for (const [k, v] of Object.entries(problem.details)) fields[k] = v;
  return new AppError(
    'jsonld_invalid',
    commandMessage('errors.issuing.credential.notJsonLd', { problem: problem.message }),
    fields,
  );
}

/**
 * The bytes of a resource this site serves itself (badge images, badges' credential JSON), for
 * checking the digests of `relatedResource`; null for anything else (checked for form only: Cairn
 * never fetches other sites' resources while issuing).
 */
function ownResourceBytes(db: IssuingDeps['db'], config: Config, organisationId: number) {
  return async (url: string): Promise<Uint8Array | null> => {
    const prefix = `${config.publicUrl}/`;
    if (!url.startsWith(prefix)) return null;
    const path = url.slice(prefix.length);
    const image = /^images\/(img_[a-z0-9]+)\.(png|svg)$/.exec(path);
    if (image) {
      const row = await badgeImageFiles(db, image[1]!);
      if (!row) return null;
      return image[2] === 'png'
        ? new Uint8Array(row.png)
        : row.svg === null
          ? null
          : Buffer.from(row.svg, 'utf8');
    }
    const badge = /^badges\/([A-Za-z0-9_]+)\/credential\.json$/.exec(path);
    if (badge) {
      const document = await issuedDocument(db, organisationId, badge[1]!);
      return document === undefined ? null : Buffer.from(document, 'utf8');
    }
    return null;
  };
}

/**
 * The credential Cairn signs for what a caller supplied: the issuer (see below), an id when
 * missing, the start date (validFrom; issuanceDate for VC 1.1) when missing, and Cairn's status entry.
 * A VC 1.1 credential also gets the contexts that define what Cairn adds to it (Data Integrity
 * proofs and Bitstring status entries), as the Digital Bazaar issuer does.
 *
 * A credential issued as a did:key carries no credentialStatus: Cairn's status lists are issued by
 * the organisation's did:web, and verifiers (the Digital Bazaar one among them) require a status
 * list to have the credential's own issuer, so the entry would make it unverifiable everywhere.
 * Cairn still keeps its revocation and suspension entries for it, which its own verifier and badge
 * pages check for documents it issued (as for the suspension entry of every credential).
 */
function completeSupplied(
  credential: Record<string, unknown>,
  ctx: { issuerId: string; issuer: unknown; status: StatusEntry | null; now: Date },
): Record<string, unknown> {
  const v11 = vcVersion(credential) === '1.1';
  const out: Record<string, unknown> = {
    ...credential,
    id: credential.id ?? `urn:uuid:${randomUUID()}`,
    issuer: ctx.issuer,
  };
  if (v11) {
    const contexts = [credential['@context']].flat();
    for (const extra of ctx.status ? [DATA_INTEGRITY_V2, STATUS_LIST_V1] : [DATA_INTEGRITY_V2])
      if (!contexts.includes(extra)) contexts.push(extra);
    out['@context'] = contexts;
    out.issuanceDate = credential.issuanceDate ?? isoSeconds(ctx.now);
  } else {
    out.validFrom = credential.validFrom ?? isoSeconds(ctx.now);
  }
  if (ctx.status) out.credentialStatus = ctx.status;
  return out;
}

/**
 * The supplied credential as sent: the VC data model's rules, no proof yet, valid JSON-LD, no
 * credentialStatus of its own, and digests of the organisation's own resources that match.
 */
async function checkSupplied(
  deps: IssuingDeps,
  organisationId: number,
  credential: Record<string, unknown>,
): Promise<void> {
  const problems = credentialModelProblems(credential, { beforeIssuing: true });
  if (problems.length) throw modelError(problems);
  if ('proof' in credential)
    throw new AppError('validation_failed', commandMessage('errors.issuing.credential.hasProof'), {
      credential: commandMessage('errors.issuing.credential.sendUnsigned'),
    });
  const asSupplied = await checkJsonLd(credential);
  if (asSupplied) throw jsonLdError(asSupplied);
  if ('credentialStatus' in credential) {
    throw new AppError(
      'credential_status_assigned_by_cairn',
      commandMessage('errors.issuing.credential.statusByCairn'),
      { 'credential.credentialStatus': commandMessage('errors.issuing.credential.statusByCairnShort') },
    );
  }
  const { db, config } = deps;
  const digests = await checkRelatedResourceDigests(credential, ownResourceBytes(db, config, organisationId));
  if (digests.length) throw modelError(digests);
}

/**
 * Issues a credential supplied whole (the W3C VC API `/credentials/issue`). Cairn writes the
 * issuer, the status entry and the proof; the caller writes the rest (an id and validFrom are
 * added when missing). Nothing is signed unless the credential follows the VC Data Model
 * (vcDataModel.ts: 400 credential_invalid naming the rule) and is valid JSON-LD in safe mode with
 * only bundled contexts (jsonldCheck.ts: 400 jsonld_invalid naming the term or context).
 *
 * - VC 2.0 (the `https://www.w3.org/ns/credentials/v2` context first) and VC 1.1 (the 2018
 *   context first, dated by issuanceDate) are both signed with eddsa-rdfc-2022.
 * - The issuer is replaced entirely by the organisation's profile (`issuerProfile`): whatever name,
 *   url, image or email the request gave is dropped, so a token can only ever issue as its own
 *   organisation under the name on its record, and the response shows exactly what was signed.
 *   An issuer id other than the organisation's DID is refused: the caller meant someone else.
 *   The organisation may name itself by its did:web (default) or by the did:key of its active
 *   Ed25519 key (`options.issuerIdentity: "did:key"`, or that did:key as the issuer id).
 *   Credentials of types other than OpenBadgeCredential/AchievementCredential carry the DID alone
 *   (their contexts need not define the profile's terms).
 * - A `credentialStatus` is refused (422 credential_status_assigned_by_cairn): Cairn assigns
 *   entries on its own lists, the only ones it can change later; a foreign entry would never verify.
 * - A caller-chosen `id` is unique within the organisation (409 credential_id_taken on a repeat);
 *   another organisation's id is as good as an unknown one.
 */
export async function issueSuppliedCredential(
  deps: IssuingDeps,
  { actor: caller, ...input }: IssuingCommandInput,
): Promise<IssuedCredential> {
  const { organisationId } = parseInput(organisationIdInput, input);
  const actor = await actFor(deps.db, caller, organisationId, ISSUE);
  const { credential, options } = parseInput(suppliedCredentialInput, input);
  await checkSupplied(deps, actor.organisationId, credential);
  const { config, clock } = deps;

  const issuerGiven =
    typeof credential.issuer === 'string'
      ? credential.issuer
      : (credential.issuer as { id?: unknown } | undefined)?.id;
  const identity: IssuerIdentity =
    options?.issuerIdentity ??
    (typeof issuerGiven === 'string' && issuerGiven.startsWith('did:key:') ? 'did:key' : 'did:web');
  const alg = options?.alg ?? 'EdDSA';
  if (identity === 'did:key' && alg === 'RS256')
    throw new AppError('validation_failed', commandMessage('errors.issuing.credential.didKeyRs256'), {
      'options.alg': commandMessage('errors.issuing.credential.didKeyRs256Short'),
    });
  const subject = [credential.credentialSubject].flat()[0] as { id?: unknown };
  const openBadge = [credential.type]
    .flat()
    .some((t) => t === 'OpenBadgeCredential' || t === 'AchievementCredential');
  const issuerFor = (issuerId: string, organisation: Organisation) => {
    if (issuerGiven !== undefined && issuerGiven !== issuerId) {
      const names = { issuer: issuerId, named: String(issuerGiven) };
      throw new AppError(
        'validation_failed',
        identity === 'did:key'
          ? commandMessage('errors.issuing.credential.issuerMismatchDidKey', names)
          : commandMessage('errors.issuing.credential.issuerMismatch', names),
        { 'credential.issuer': commandMessage('errors.issuing.credential.useIssuer', { issuer: issuerId }) },
      );
    }
    const { id, ...profile } = issuerProfile(issuerId, organisation);
    return openBadge ? { id, type: ['Profile'], ...profile } : issuerId;
  };

  // The credential as it will be signed (with a stand-in status entry) must be valid JSON-LD too:
  // checked before any status index is taken or anything is stored.
  const prepared = await issuingOrganisation(deps, actor.organisationId, {
    rsa: identity !== 'did:key' && alg === 'RS256',
  });
  const { organisation } = prepared;
  const { did } = issuerIdentifiers(config, organisation, prepared.keys.signing, identity);
  const standIn: StatusEntry = {
    id: `${statusListUrl(config, 'stl_check')}#0`,
    type: 'BitstringStatusListEntry',
    statusPurpose: 'revocation',
    statusListIndex: '0',
    statusListCredential: statusListUrl(config, 'stl_check'),
  };
  const asSigned = await checkJsonLd(
    completeSupplied(credential, {
      issuerId: did,
      issuer: issuerFor(did, organisation),
      status: identity === 'did:key' ? null : standIn,
      now: clock.now(),
    }),
  );
  if (asSigned) throw jsonLdError(asSigned);

  const issued = await issue(
    deps,
    actor,
    ({ issuerId, organisation, status, now }) =>
      completeSupplied(credential, {
        issuerId,
        issuer: issuerFor(issuerId, organisation),
        status: identity === 'did:key' ? null : status,
        now,
      }),
    {
      recipientEmail: null,
      recipientDid: typeof subject?.id === 'string' ? subject.id : null,
      jwt: identity === 'did:key' ? 'EdDSA' : alg,
      identity,
      prepared,
    },
  );
  return { ...issued, envelope: options?.format === 'jwt' };
}
