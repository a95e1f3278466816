import { z } from 'zod';
import { AppError, conflict, invalid } from '../../../domain/errors.ts';
import { publicId } from '../../../domain/ids.ts';
import { CERTIFICATE_PART, type Design } from '../../catalog/index.ts';
import { parseInput } from '../../../domain/validation.ts';
import { inTransaction, type Tx } from '../../../storage/database.ts';
import { recordAudit } from '../../../storage/audit.ts';
import { earnersApplication } from '../queries/applications.ts';
import { teammatesOf } from '../teams/teams.ts';
import { databaseFileStore, diskFileStore, type FileStore } from '../../../storage/fileStore.ts';
import type { Config } from '../../../config.ts';

/** The file store the configuration names. */
export function fileStoreFor(config: Config): FileStore {
  return config.fileStore === 'disk' ? diskFileStore(config.dataDir) : databaseFileStore;
}
import type { CommandDeps } from '../../../domain/commands.ts';
import type { CommandCall } from './commandCall.ts';
import { commandMessage } from '../../../web/i18n/commandMessages.ts';

/** Which application (and evidence part) a command acts on: parsed before anything else. */
export const onApplication = z.object({ application: z.string() });
export const onEvidencePart = onApplication.extend({ part: z.coerce.number().int().min(0).max(999) });

const EDITABLE = ['in_progress', 'needs_revision'];

async function parts(tx: Tx, versionId: number): Promise<Design['evidenceParts']> {
  const v = await tx
    .selectFrom('micro_credential_versions')
    .select(['evidence_parts', 'earning_mode'])
    .where('id', '=', versionId)
    .executeTakeFirstOrThrow();
  if (v.earning_mode === 'proof_of_completion') return [CERTIFICATE_PART];
  return v.evidence_parts as Design['evidenceParts'];
}

const words = (text: string) => text.trim().split(/\s+/).filter(Boolean).length;

export const evidenceInput = z.object({ value: z.string().max(100_000) });

type Part = Design['evidenceParts'][number];

/** Why a typed value cannot be kept for a part, or null when it can. */
function draftProblem(part: Part | undefined, value: string): string | null {
  if (!part) return commandMessage('errors.earning.evidence.noSuchPart');
  if (part.kind === 'file') return commandMessage('errors.earning.evidence.uploadFile');
  if (part.kind === 'link' && value.trim() && !/^https?:\/\/\S+$/.test(value.trim()))
    return commandMessage('errors.earning.evidence.fullAddress');
  if (part.kind === 'text' && part.maxWords && words(value) > part.maxWords)
    return commandMessage('errors.earning.evidence.tooManyWords', {
      max: String(part.maxWords),
      count: String(words(value)),
    });
  return null;
}

async function storeDraft(
  tx: Tx,
  applicationId: number,
  partIndex: number,
  part: Part,
  value: string,
  now: Date,
): Promise<void> {
  const row = {
    kind: part.kind,
    text_value: part.kind === 'text' ? value : null,
    link_url: part.kind === 'link' ? value.trim() : null,
    updated_at: now,
  };
  await tx
    .insertInto('evidence_items')
    .values({ application_id: applicationId, part_index: partIndex, ...row })
    .onConflict((oc) => oc.columns(['application_id', 'part_index']).doUpdateSet(row))
    .execute();
}

/** Saves one part of the evidence as a draft (text or link; files go through the file store). */
export async function saveEvidence(
  deps: CommandDeps,
  { actor, ...input }: CommandCall<{ application: string; part: number }>,
): Promise<void> {
  const { application, part: partIndex, value } = parseInput(onEvidencePart.merge(evidenceInput), input);
  const now = deps.clock.now();
  await inTransaction(deps.db, async (tx) => {
    const app = await earnersApplication(tx, actor.userId, application);
    if (!EDITABLE.includes(app.status)) throw conflict(commandMessage('errors.earning.evidence.notOpen'));
    if (app.deadline_at <= now) throw conflict(commandMessage('errors.earning.evidence.deadlinePassed'));
    const part = (await parts(tx, app.version_id))[partIndex];
    if (!part) throw invalid({ part: commandMessage('errors.earning.evidence.noSuchPart') });
    const problem = draftProblem(part, value);
    if (problem && part.kind === 'file')
      throw new AppError('validation_failed', problem, { [`part${partIndex}`]: problem });
    if (problem) throw invalid({ [`part${partIndex}`]: problem });
    await storeDraft(tx, app.id, partIndex, part, value, now);
  });
}

/**
 * Saves every typed part at once (the earner's page sends the whole form: its Save buttons,
 * its autosave and "Submit for review" all come here first). Parts whose value can be kept are
 * saved even when another part has a problem, so nothing typed is lost; the problems are then
 * reported per part (`part<i>`). Parts not sent are left as they are; unchanged ones are not
 * rewritten. Returns the indexes of the parts whose draft changed.
 */
export const evidenceDraftsInput = onApplication.extend({
  drafts: z.map(z.number().int().min(0), z.string()),
});

export async function saveEvidenceDrafts(
  deps: CommandDeps,
  { actor, ...input }: CommandCall<{ application: string; drafts: ReadonlyMap<number, string> }>,
): Promise<{ changed: number[] }> {
  const { application, drafts: values } = parseInput(evidenceDraftsInput, input);
  for (const value of values.values()) parseInput(evidenceInput, { value });
  const now = deps.clock.now();
  const problems: Record<string, string> = {};
  const changed = await inTransaction(deps.db, async (tx) => {
    const app = await earnersApplication(tx, actor.userId, application);
    if (!EDITABLE.includes(app.status)) throw conflict(commandMessage('errors.earning.evidence.notOpen'));
    if (app.deadline_at <= now) throw conflict(commandMessage('errors.earning.evidence.deadlinePassed'));
    const all = await parts(tx, app.version_id);
    const items = await tx
      .selectFrom('evidence_items')
      .select(['part_index', 'text_value', 'link_url'])
      .where('application_id', '=', app.id)
      .execute();
    const saved: number[] = [];
    for (const [index, value] of [...values].sort(([a], [b]) => a - b)) {
      const part = all[index];
      const problem = draftProblem(part, value);
      if (problem || !part) {
        problems[`part${index}`] = problem ?? commandMessage('errors.earning.evidence.noSuchPart');
        continue;
      }
      const item = items.find((it) => it.part_index === index);
      const current = part.kind === 'text' ? item?.text_value : item?.link_url;
      const next = part.kind === 'text' ? value : value.trim();
      if (item ? current === next : next === '') continue;
      await storeDraft(tx, app.id, index, part, value, now);
      saved.push(index);
    }
    return saved;
  });
  if (Object.keys(problems).length)
    throw invalid(
      problems,
      Object.keys(problems).length === 1
        ? (Object.values(problems)[0] ?? commandMessage('errors.earning.evidence.needsAttention'))
        : commandMessage('errors.earning.evidence.someNeedAttention'),
    );
  return { changed };
}

/**
 * The least-loaded eligible reviewer: from the micro-credential's pool (or every reviewer of
 * the organisation when it has none), never the earner, never a teammate.
 */
async function pickReviewer(
  tx: Tx,
  organisationId: number,
  microCredentialId: number,
  earnerUserId: number,
): Promise<number | null> {
  const excluded = [earnerUserId, ...(await teammatesOf(tx, earnerUserId))];
  const pool = (
    await tx
      .selectFrom('micro_credential_reviewers')
      .select('user_id')
      .where('micro_credential_id', '=', microCredentialId)
      .execute()
  ).map((p) => p.user_id);
  let query = tx
    .selectFrom('memberships as m')
    .leftJoin('attempts as a', (j) =>
      j.onRef('a.reviewer_user_id', '=', 'm.user_id').on('a.decision', 'is', null),
    )
    .select(['m.user_id', (eb) => eb.fn.count<number>('a.id').as('open')])
    .where('m.organisation_id', '=', organisationId)
    .where(({ eb, val }) => eb(val('reviewer'), '=', eb.fn.any('m.roles')))
    .where('m.user_id', 'not in', excluded);
  if (pool.length) query = query.where('m.user_id', 'in', pool);
  const rows = await query.groupBy('m.user_id').orderBy('open').orderBy('m.user_id').limit(1).execute();
  return rows[0]?.user_id ?? null;
}

/**
 * Submits the evidence as a new attempt: every required part must be there (the error lists
 * what is missing), the evidence is frozen into the attempt, and a reviewer is assigned.
 */
export async function submitApplication(
  deps: CommandDeps,
  { actor, ...input }: CommandCall<{ application: string }>,
): Promise<{ attempt: number }> {
  const { application } = parseInput(onApplication, input);
  const now = deps.clock.now();
  return inTransaction(deps.db, async (tx) => {
    const app = await earnersApplication(tx, actor.userId, application);
    if (!EDITABLE.includes(app.status))
      throw conflict(commandMessage('errors.earning.evidence.cannotSubmit'));
    if (app.deadline_at <= now) throw conflict(commandMessage('errors.earning.evidence.deadlinePassed'));
    const required = await parts(tx, app.version_id);
    const items = await tx
      .selectFrom('evidence_items')
      .selectAll()
      .where('application_id', '=', app.id)
      .orderBy('part_index')
      .execute();
    const missing: Record<string, string> = {};
    required.forEach((p, i) => {
      const item = items.find((it) => it.part_index === i);
      if (p.required && !(item?.text_value?.trim() || item?.link_url || item?.file_id))
        missing[`part${i}`] = commandMessage('errors.earning.evidence.missing', { prompt: p.prompt });
    });
    if (Object.keys(missing).length)
      throw invalid(missing, commandMessage('errors.earning.evidence.someMissing'));
    const number = app.attempts + 1;
    // A certificate of completion is decided by the issuer's staff from their queue, not by a peer reviewer.
    const proof = required.length === 1 && required[0] === CERTIFICATE_PART;
    const reviewer = proof
      ? null
      : await pickReviewer(tx, app.organisation_id, app.micro_credential_id, actor.userId);
    const files = await tx
      .selectFrom('evidence_files')
      .select(['id', 'public_id', 'filename'])
      .where('application_id', '=', app.id)
      .execute();
    const evidence = items.map((it) => {
      const file = files.find((f) => f.id === it.file_id);
      return {
        part: it.part_index,
        kind: it.kind,
        text: it.text_value,
        link: it.link_url,
        file: file ? { id: file.public_id, name: file.filename } : null,
      };
    });
    await tx
      .insertInto('attempts')
      .values({
        public_id: publicId('att'),
        application_id: app.id,
        number,
        evidence: JSON.stringify(evidence),
        submitted_at: now,
        reviewer_user_id: reviewer,
        assigned_at: reviewer ? now : null,
      })
      .execute();
    await tx
      .updateTable('applications')
      .set({ status: 'submitted', attempts: number, updated_at: now })
      .where('id', '=', app.id)
      .execute();
    await recordAudit(
      tx,
      {
        organisationId: app.organisation_id,
        actorUserId: actor.userId,
        action: 'application.submitted',
        subjectType: 'application',
        subjectId: app.public_id,
        data: { attempt: number, reviewer },
        ip: actor.ip,
      },
      now,
    );
    return { attempt: number };
  });
}

const FILE_TYPES: Array<[string, (b: Uint8Array) => boolean]> = [
  ['application/pdf', (b) => Buffer.from(b.subarray(0, 5)).toString('latin1') === '%PDF-'],
  ['image/png', (b) => b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47],
  ['image/jpeg', (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff],
  ['application/zip', (b) => b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04], // also .docx/.pptx/.xlsx
  ['video/mp4', (b) => Buffer.from(b.subarray(4, 8)).toString('latin1') === 'ftyp'],
];

/** The type of an evidence file by its bytes (PDF, PNG, JPEG, Office/zip, MP4), or null. */
export function sniffEvidence(bytes: Uint8Array): string | null {
  return FILE_TYPES.find(([, test]) => test(bytes))?.[0] ?? null;
}

/**
 * Stores an uploaded file for a file part (in the database, so every machine can serve it; only
 * the earner, the assigned reviewer and the issuer's staff can fetch it).
 */
export const evidenceFileInput = onEvidencePart.extend({
  file: z.object({ name: z.string(), bytes: z.instanceof(Uint8Array) }),
});

export async function saveEvidenceFile(
  deps: CommandDeps,
  {
    actor,
    ...input
  }: CommandCall<{ application: string; part: number; file: { name: string; bytes: Uint8Array } }>,
): Promise<{ publicId: string }> {
  const { application, part: partIndex, file } = parseInput(evidenceFileInput, input);
  const now = deps.clock.now();
  return inTransaction(deps.db, async (tx) => {
    const app = await earnersApplication(tx, actor.userId, application);
    if (!EDITABLE.includes(app.status)) throw conflict(commandMessage('errors.earning.evidence.notOpen'));
    const part = (await parts(tx, app.version_id))[partIndex];
    if (!part || part.kind !== 'file')
      throw invalid({ [`part${partIndex}`]: commandMessage('errors.earning.evidence.noFile') });
    const limit = (part.maxSizeMb ?? 20) * 1024 * 1024;
    if (file.bytes.length === 0)
      throw invalid({ [`part${partIndex}`]: commandMessage('errors.earning.evidence.emptyFile') });
    if (file.bytes.length > limit)
      throw invalid({
        [`part${partIndex}`]: commandMessage('errors.earning.evidence.fileTooLarge', {
          max: String(part.maxSizeMb ?? 20),
        }),
      });
    const type = sniffEvidence(file.bytes);
    if (!type)
      throw invalid({
        [`part${partIndex}`]: commandMessage('errors.earning.evidence.fileType'),
      });
    const stored = fileStoreFor(deps.config).put(file.bytes);
    const row = await tx
      .insertInto('evidence_files')
      .values({
        public_id: publicId('file'),
        application_id: app.id,
        filename: file.name.slice(0, 200) || 'evidence',
        content_type: type,
        size: file.bytes.length,
        sha256: stored.sha256,
        bytes: stored.inline,
        created_at: now,
      })
      .returning(['id', 'public_id'])
      .executeTakeFirstOrThrow();
    const values = {
      kind: 'file' as const,
      text_value: null,
      link_url: null,
      file_id: row.id,
      updated_at: now,
    };
    await tx
      .insertInto('evidence_items')
      .values({ application_id: app.id, part_index: partIndex, ...values })
      .onConflict((oc) => oc.columns(['application_id', 'part_index']).doUpdateSet(values))
      .execute();
    return { publicId: row.public_id };
  });
}
