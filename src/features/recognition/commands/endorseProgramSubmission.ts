import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { AppError, conflict, notFound } from '../../../domain/errors.ts';
import { parseInput } from '../../../domain/validation.ts';
import { inTransaction, type Tx } from '../../../storage/database.ts';
import { recordAudit } from '../../../storage/audit.ts';
import { achievementUrl } from '../../catalog/index.ts';
import { OB_V3_CONTEXT, OB_V3_EXTENSIONS, VC_V2 } from '../../../credentials/contexts.ts';
import { organisationDid } from '../../../credentials/issuerIdentity.ts';
import {
  documentHash,
  isoSeconds,
  organisationKeys,
  signForOrganisation,
  type CredentialServices,
} from '../../../signing/organisationSigner.ts';
import { validateEndorsementCredential } from '../../../credentials/schema.ts';
import { queueMail } from '../../../mail/outbox.ts';
import { submissionMail } from '../mail.tsx';
import { isLocale } from '../../../web/i18n/i18n.ts';
import { currentEndorsement, insertEndorsement, versionTitle } from '../queries/endorsements.ts';
import {
  insertSubmissionMessage,
  lockSubmission,
  primaryAddress,
  userName,
  type SubmissionView,
} from '../queries/submissions.ts';
import { loadSubmission } from './submissionAccess.ts';
import { recognitionPaths } from '../paths.ts';
import { appLink, type CommandDeps, type OrganisationActor } from '../../../domain/commands.ts';
import { commandMessage } from '../../../web/i18n/commandMessages.ts';
import { storedFacts } from '../threadEntries.ts';

export const ENDORSEMENT_SCHEMA_ID =
  'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_endorsementcredential_schema.json';

/** The unsigned OB 3.0 EndorsementCredential of a recognizer for an achievement. */
export function buildEndorsementCredential(v: {
  issuerId: string;
  issuerName: string;
  issuerUrl?: string | null;
  achievementId: string;
  achievementName: string;
  comment: string;
  validFrom: string;
  validUntil?: string | null;
}): Record<string, unknown> {
  return {
    '@context': [VC_V2, OB_V3_CONTEXT, OB_V3_EXTENSIONS],
    id: `urn:uuid:${randomUUID()}`,
    type: ['VerifiableCredential', 'EndorsementCredential'],
    issuer: {
      id: v.issuerId,
      type: ['Profile'],
      name: v.issuerName,
      ...(v.issuerUrl ? { url: v.issuerUrl } : {}),
    },
    validFrom: v.validFrom,
    ...(v.validUntil ? { validUntil: v.validUntil } : {}),
    name: `${v.issuerName} endorses ${v.achievementName}`,
    credentialSubject: { id: v.achievementId, type: ['EndorsementSubject'], endorsementComment: v.comment },
    credentialSchema: [{ id: ENDORSEMENT_SCHEMA_ID, type: '1EdTechJsonSchemaValidator2019' }],
  };
}

/** The provider's endorsement: an optional comment. */
export const endorseInput = z.object({
  comment: z.preprocess(
    (v) => (v === undefined || v === null ? '' : v),
    z.string().trim().max(2000, commandMessage('errors.recognition.endorse.commentMax')),
  ),
});

type Organisation = { slug: string; name: string; website: string | null };

/** The recognizer's unsigned endorsement of the submission's version, checked against the OB 3.0 schema. */
function endorsementOf(
  publicUrl: string,
  organisation: Organisation,
  s: SubmissionView & { mc_slug: string; micro_credential_version: number },
  title: string,
  comment: string,
  now: Date,
): Record<string, unknown> {
  const unsigned = buildEndorsementCredential({
    issuerId: organisationDid(publicUrl, organisation.slug),
    issuerName: organisation.name,
    issuerUrl: organisation.website,
    achievementId: achievementUrl(publicUrl, s.issuer_slug, s.mc_slug, s.micro_credential_version),
    achievementName: title,
    comment:
      comment ||
      `${organisation.name} recognizes “${title}” (version ${s.micro_credential_version}) of ${s.issuer_name} in its program “${s.program_name}” for ${s.hours_granted ?? 0} credit hours.`,
    validFrom: isoSeconds(now),
    validUntil: s.ends_on ? `${s.ends_on}T23:59:59Z` : null,
  });
  const schema = validateEndorsementCredential(unsigned);
  if (!schema.valid)
    throw new AppError(
      'validation_failed',
      commandMessage('errors.recognition.endorse.schema', { problems: schema.errors.join('; ') }),
    );
  return unsigned;
}

/** Tells the person who submitted (when known) that the approval is endorsed. */
async function mailSubmitter(
  tx: Tx,
  config: CommandDeps['config'],
  s: SubmissionView,
  actor: OrganisationActor,
  recognizerName: string,
  now: Date,
): Promise<void> {
  const submitter = s.created_by ? await primaryAddress(tx, s.created_by) : null;
  if (!submitter) return;
  const mail = submissionMail({
    event: 'endorsed',
    subjectTitle: s.subject_name,
    version: s.micro_credential_version,
    programName: s.program_name,
    issuerName: s.issuer_name,
    recognizerName: s.recognizer_name,
    actorName: (await userName(tx, actor.userId)) ?? recognizerName,
    message: null,
    link: appLink(config, recognitionPaths.submission(s.issuer_slug, s.public_id)),
    // In the language the submitter chose (users.locale), else English.
    ...(isLocale(submitter.locale) ? { locale: submitter.locale } : {}),
  });
  await queueMail(tx, submitter.email, mail, now, { organisationId: s.issuer_id });
}

/** Stores the signed endorsement, notes it in the thread, and audits it for both organisations. */
async function recordEndorsement(
  tx: Tx,
  actor: OrganisationActor,
  s: SubmissionView,
  recognizerId: number,
  signed: Record<string, unknown>,
  now: Date,
): Promise<string> {
  const document = JSON.stringify(signed);
  const endorsement = await insertEndorsement(
    tx,
    {
      submissionId: s.id,
      organisationId: recognizerId,
      document,
      sha256: documentHash(document),
      by: actor.userId,
    },
    now,
  );
  await insertSubmissionMessage(
    tx,
    {
      submissionId: s.id,
      authorUserId: actor.userId,
      side: 'recognizer',
      kind: 'endorsed',
      body: '',
      facts: storedFacts({ kind: 'endorsed', endorsement }),
    },
    now,
  );
  for (const organisationId of new Set([s.issuer_id, s.recognizer_id])) {
    await recordAudit(
      tx,
      {
        organisationId,
        actorUserId: actor.userId,
        action: 'recognition.endorsed',
        subjectType: 'program_submission',
        subjectId: s.public_id,
        data: {
          endorsement,
          credential: String(signed.id),
          achievement: (signed.credentialSubject as { id: string }).id,
        },
        ip: actor.ip,
      },
      now,
    );
  }
  return endorsement;
}

/**
 * A recognizer officer issues an OB 3.0 EndorsementCredential for an approved micro-credential
 * version: validated against the official schema, signed with the recognizer's own key
 * (eddsa-rdfc-2022), stored verbatim with its hash, and shown on the catalog and badge pages.
 */
export async function endorseProgramSubmission(
  deps: CommandDeps & { credentials: CredentialServices },
  {
    actor,
    orgSlug,
    submission: submissionPublicId,
    ...input
  }: { actor: OrganisationActor; orgSlug: string; submission: string } & Record<string, unknown>,
): Promise<{ publicId: string; credential: Record<string, unknown> }> {
  const { db, config, clock, credentials } = deps;
  const now = clock.now();
  const pre = await loadSubmission(db, orgSlug, actor, submissionPublicId);
  if (!pre.sides.includes('recognizer')) throw notFound('submission');
  pre.require('recognition.manage');
  if (pre.submission.issuer_id === pre.submission.recognizer_id)
    throw new AppError('conflict', commandMessage('errors.recognition.endorse.notOwn'));
  const { comment } = parseInput(endorseInput, input);
  // Create the recognizer's key outside the transaction (a race for one must not abort ours).
  const keys = await organisationKeys(db, credentials.vault, pre.organisation.id, now);
  return inTransaction(db, async (tx) => {
    const { organisation, submission: s } = await loadSubmission(tx, orgSlug, actor, submissionPublicId);
    await lockSubmission(tx, s.id);
    if (s.status !== 'approved') throw conflict(commandMessage('errors.recognition.endorse.approvedOnly'));
    const { mc_slug, micro_credential_version: version } = s;
    if (s.subject_kind !== 'micro_credential' || !mc_slug || version === null)
      throw new AppError('conflict', commandMessage('errors.recognition.endorse.versionsOnly'));
    if (await currentEndorsement(tx, s.id))
      throw conflict(commandMessage('errors.recognition.endorse.already'));
    const title = await versionTitle(tx, s.micro_credential_id!, version);
    const unsigned = endorsementOf(
      config.publicUrl,
      organisation,
      { ...s, mc_slug, micro_credential_version: version },
      title,
      comment,
      now,
    );
    const { signed } = await signForOrganisation({
      config,
      canonicalizer: credentials.canonicalizer,
      organisation,
      keys,
      unsigned,
      now,
    });
    const endorsement = await recordEndorsement(tx, actor, s, organisation.id, signed, now);
    await mailSubmitter(tx, config, s, actor, organisation.name, now);
    return { publicId: endorsement, credential: signed };
  });
}
