import { z } from 'zod';
import { AppError, conflict, invalid } from '../../../domain/errors.ts';
import { publicId } from '../../../domain/ids.ts';
import { parseInput } from '../../../domain/validation.ts';
import { inTransaction, type Tx } from '../../../storage/database.ts';
import type { Organisation } from '../../../storage/schema.ts';
import { requireActor } from '../../accounts/index.ts';
import type { CommandDeps, OrganisationActor } from '../../../domain/commands.ts';
import { submissionById } from '../queries/submissions.ts';
import { addMessage, auditBoth, notifySide, OPEN_STATUSES, stepText } from './submissionSteps.ts';
import { commandMessage } from '../../../web/i18n/commandMessages.ts';

const optionalPositiveInt = z.preprocess(
  (v) => (v === '' || v === undefined || v === null ? undefined : typeof v === 'string' ? Number(v) : v),
  z
    .number({ message: commandMessage('errors.recognition.submit.chooseVersion') })
    .int()
    .positive()
    .optional(),
);
const optionalId = z.preprocess(
  (v) => (v === '' || v === null ? undefined : v),
  z.string().trim().min(1).max(100).optional(),
);

export const submitInput = z
  .object({
    program: z
      .string({ message: commandMessage('errors.recognition.submit.chooseProgram') })
      .trim()
      .min(1, commandMessage('errors.recognition.submit.chooseProgram')),
    microCredential: optionalId,
    version: optionalPositiveInt,
    pathway: optionalId,
    stack: optionalId,
    statement: stepText(commandMessage('errors.recognition.submit.statement')),
    /** A resubmission: the earlier submission it follows (same program and micro-credential, pathway or stack). */
    previousSubmission: optionalId,
  })
  .refine((v) => [v.microCredential, v.pathway, v.stack].filter(Boolean).length === 1, {
    message: commandMessage('errors.recognition.submit.chooseOne'),
    path: ['microCredential'],
  });
type SubmitInput = z.output<typeof submitInput>;

interface Target {
  micro_credential_id: number | null;
  micro_credential_version: number | null;
  pathway_id: number | null;
  stack_id: number | null;
}

/**
 * An issuer submits one published micro-credential version (or a pathway or stack) to a
 * recognizer's program, with a statement of how competency is verified; a resubmission names
 * the earlier submission, which it supersedes while that one is still open.
 */
export async function submitProgram(
  deps: CommandDeps,
  { actor, orgSlug, ...input }: { actor: OrganisationActor; orgSlug: string } & Record<string, unknown>,
): Promise<{ publicId: string }> {
  try {
    return await inTransaction(deps.db, (tx) => submitInTransaction(deps, tx, actor, orgSlug, input));
  } catch (err) {
    // Two submissions of the same thing racing: the partial unique index lets one through.
    if ((err as { code?: unknown }).code === '23505')
      throw conflict(commandMessage('errors.recognition.submit.alreadyWaiting'));
    throw err;
  }
}

async function submitInTransaction(
  deps: CommandDeps,
  tx: Tx,
  actor: OrganisationActor,
  issuerSlug: string,
  input: unknown,
): Promise<{ publicId: string }> {
  const now = deps.clock.now();
  // Access first: a stranger or a member without the right is refused whatever the body says.
  const { organisation: issuer } = await requireActor(tx, issuerSlug, actor, 'recognition.submit');
  if (issuer.kind === 'recognizer')
    throw new AppError('forbidden', commandMessage('errors.recognition.submit.issuersOnly'));
  const v = parseInput(submitInput, input);
  const programId = await openProgramFor(tx, issuer, v.program);
  const target = await resolveTarget(tx, issuer, v);
  const previous = await checkSiblings(tx, programId, issuer, target, v.previousSubmission);
  if (previous && OPEN_STATUSES.includes(previous.status)) {
    await tx
      .updateTable('program_submissions')
      .set({ status: 'superseded', updated_at: now })
      .where('id', '=', previous.id)
      .execute();
  }
  const row = await tx
    .insertInto('program_submissions')
    .values({
      public_id: publicId('rsub'),
      program_id: programId,
      issuer_organisation_id: issuer.id,
      ...target,
      statement: v.statement,
      status: 'submitted',
      previous_submission_id: previous?.id ?? null,
      created_by: actor.userId,
      created_at: now,
      updated_at: now,
    })
    .returning(['id', 'public_id'])
    .executeTakeFirstOrThrow();
  const kind = previous ? 'resubmitted' : 'submitted';
  await addMessage(tx, row.id, actor, 'issuer', kind, v.statement, now);
  const submission = await submissionById(tx, row.id);
  if (previous) {
    await addMessage(tx, previous.id, actor, 'issuer', 'resubmitted', '', now, {
      kind: 'resubmittedAs',
      submission: row.public_id,
      subject: submission.subject_name,
      version: submission.micro_credential_version,
    });
  }
  const self = submission.issuer_id === submission.recognizer_id;
  await auditBoth(tx, submission, actor, kind, { previous: previous?.public_id ?? null, self }, now);
  await notifySide(deps, tx, submission, 'recognizer', kind, actor.userId, v.statement, now);
  return { publicId: row.public_id };
}

/** The open program the issuer submits to: another recognizer's, or its own when it is of kind "both". */
async function openProgramFor(tx: Tx, issuer: Organisation, programPublicId: string): Promise<number> {
  const program = await tx
    .selectFrom('recognition_programs as p')
    .innerJoin('organisations as o', 'o.id', 'p.organisation_id')
    .select(['p.id', 'p.archived_at', 'o.id as organisation_id', 'o.kind'])
    .where('p.public_id', '=', programPublicId)
    .executeTakeFirst();
  if (!program || program.kind === 'issuer' || program.archived_at)
    throw invalid({ program: commandMessage('errors.recognition.submit.chooseOpenProgram') });
  // A council that both issues and recognizes (kind "both") counts its own CE badges toward its
  // own recertification: the self-submission goes through the same approval by its officers.
  if (program.organisation_id === issuer.id && issuer.kind !== 'both')
    throw invalid({ program: commandMessage('errors.recognition.submit.notOwnProgram') });
  return program.id;
}

/** What is submitted: the published (or named) micro-credential version, a pathway or a stack. */
async function resolveTarget(tx: Tx, issuer: Organisation, v: SubmitInput): Promise<Target> {
  const none: Target = {
    micro_credential_id: null,
    micro_credential_version: null,
    pathway_id: null,
    stack_id: null,
  };
  if (v.microCredential) {
    const mc = await tx
      .selectFrom('micro_credentials')
      .select(['id'])
      .where('organisation_id', '=', issuer.id)
      .where('public_id', '=', v.microCredential)
      .executeTakeFirst();
    if (!mc)
      throw invalid({ microCredential: commandMessage('errors.recognition.submit.chooseMicroCredential') });
    let vq = tx
      .selectFrom('micro_credential_versions')
      .select(['version', 'status'])
      .where('micro_credential_id', '=', mc.id);
    vq = v.version === undefined ? vq.where('status', '=', 'published') : vq.where('version', '=', v.version);
    const version = await vq.executeTakeFirst();
    if (!version)
      throw invalid({
        version:
          v.version === undefined
            ? commandMessage('errors.recognition.submit.publishFirst')
            : commandMessage('errors.recognition.submit.noSuchVersion', { version: String(v.version) }),
      });
    if (version.status !== 'published')
      throw invalid({
        version: commandMessage(
          version.status === 'draft'
            ? 'errors.recognition.submit.versionDraft'
            : 'errors.recognition.submit.versionSuperseded',
          { version: String(version.version) },
        ),
      });
    return { ...none, micro_credential_id: mc.id, micro_credential_version: version.version };
  }
  const table = v.pathway ? 'pathways' : 'stacks';
  const row = await tx
    .selectFrom(table)
    .select('id')
    .where('organisation_id', '=', issuer.id)
    .where('public_id', '=', (v.pathway ?? v.stack)!)
    .executeTakeFirst();
  if (v.pathway) {
    if (!row) throw invalid({ pathway: commandMessage('errors.recognition.submit.choosePathway') });
    return { ...none, pathway_id: row.id };
  }
  if (!row) throw invalid({ stack: commandMessage('errors.recognition.submit.chooseStack') });
  return { ...none, stack_id: row.id };
}

/**
 * Locks the earlier submissions of the same subject to the same program and checks the new one
 * may go in: none open (other than the one resubmitted), none approved for the same version.
 */
async function checkSiblings(
  tx: Tx,
  programId: number,
  issuer: Organisation,
  target: Target,
  previousPublicId: string | undefined,
) {
  let existing = tx
    .selectFrom('program_submissions')
    .select(['id', 'public_id', 'status', 'micro_credential_version'])
    .where('program_id', '=', programId)
    .where('issuer_organisation_id', '=', issuer.id);
  if (target.micro_credential_id !== null)
    existing = existing.where('micro_credential_id', '=', target.micro_credential_id);
  else if (target.pathway_id !== null) existing = existing.where('pathway_id', '=', target.pathway_id);
  else existing = existing.where('stack_id', '=', target.stack_id);
  const others = await existing.forUpdate().execute();

  let previous: (typeof others)[number] | undefined;
  if (previousPublicId) {
    previous = others.find((o) => o.public_id === previousPublicId);
    if (!previous)
      throw invalid({ previousSubmission: commandMessage('errors.recognition.submit.resubmissionFollows') });
    if (previous.status === 'withdrawn')
      throw conflict(commandMessage('errors.recognition.submit.previousWithdrawn'));
    if (previous.status === 'superseded')
      throw conflict(commandMessage('errors.recognition.submit.previousSuperseded'));
  }
  const sameVersion = (o: (typeof others)[number]) =>
    target.micro_credential_id === null || o.micro_credential_version === target.micro_credential_version;
  const open = others.find((o) => OPEN_STATUSES.includes(o.status) && o.id !== previous?.id);
  if (open)
    throw conflict(
      commandMessage('errors.recognition.submit.alreadyWaitingAs', { submission: open.public_id }),
    );
  if (others.some((o) => o.status === 'approved' && sameVersion(o))) {
    throw conflict(
      target.micro_credential_id !== null
        ? commandMessage('errors.recognition.submit.versionApproved', {
            version: String(target.micro_credential_version),
          })
        : commandMessage('errors.recognition.submit.alreadyApproved'),
    );
  }
  return previous;
}
