import type { Actor, CommandDeps } from '../../../domain/commands.ts';
import type { SubmissionStatus } from '../../../storage/schema.ts';
import { requireMember } from '../../accounts/index.ts';
import { requireRecognizer } from '../commands/requireRecognizer.ts';
import { issuerSubmissions, recognizerQueue, type SubmissionView } from '../queries/submissions.ts';
import { STATUSES } from './recognitionParts.tsx';

type Deps = Pick<CommandDeps, 'db'>;
export type QueueFilter = SubmissionStatus | 'open' | null;

/** `?status=`: one status, 'all' (null), or the open ones by default. */
export function queueFilter(wanted: string | undefined): QueueFilter {
  if (wanted === 'all') return null;
  return STATUSES.find((s) => s === wanted) ?? 'open';
}

/** A recognizer's review queue, filtered by status. */
export interface QueueModel {
  organisation: { name: string; slug: string };
  status: QueueFilter;
  rows: SubmissionView[];
}

export async function loadQueue(
  { db }: Deps,
  { actor, orgSlug, status }: { actor: Actor; orgSlug: string; status: QueueFilter },
): Promise<QueueModel> {
  const organisation = await requireRecognizer(db, orgSlug, actor.userId, 'recognition.read');
  const rows = await recognizerQueue(db, organisation.id, status);
  return { organisation: { name: organisation.name, slug: organisation.slug }, status, rows };
}

/** The submissions an issuer has sent. */
export interface IssuerSubmissionsModel {
  organisation: { name: string; slug: string };
  rows: SubmissionView[];
}

export async function loadIssuerSubmissions(
  { db }: Deps,
  { actor, orgSlug }: { actor: Actor; orgSlug: string },
): Promise<IssuerSubmissionsModel> {
  const { organisation } = await requireMember(db, orgSlug, actor.userId, 'recognition.submit');
  const rows = await issuerSubmissions(db, organisation.id);
  return { organisation: { name: organisation.name, slug: organisation.slug }, rows };
}
