import { Hono } from 'hono';
import type { AppEnv } from '../../../http/env.ts';
import type { SubmissionStatus } from '../../../storage/schema.ts';
import { page } from '../../../web/render.tsx';
import { requireMember } from '../../accounts/index.ts';
import { requireRecognizer } from '../commands/requireRecognizer.ts';
import { recognitionPaths } from '../paths.ts';
import { issuerSubmissions, recognizerQueue, type SubmissionView } from '../queries/submissions.ts';
import { actorOf, slugOf, STATUS_LABELS, STATUSES, SubmissionsTable, type C } from './recognitionParts.tsx';

type QueueFilter = SubmissionStatus | 'open' | null;

/** `?status=`: one status, 'all' (null), or the open ones by default. */
export function queueFilter(wanted: string | undefined): QueueFilter {
  if (wanted === 'all') return null;
  return STATUSES.find((s) => s === wanted) ?? 'open';
}

export interface QueueModel {
  organisation: { name: string; slug: string };
  status: QueueFilter;
  rows: SubmissionView[];
}

export async function loadQueue(c: C, status: QueueFilter): Promise<QueueModel> {
  const { db } = c.var.deps;
  const organisation = await requireRecognizer(db, slugOf(c), actorOf(c).userId, 'recognition.read');
  const rows = await recognizerQueue(db, organisation.id, status);
  return { organisation: { name: organisation.name, slug: organisation.slug }, status, rows };
}

export function QueueView({ organisation, status, rows }: QueueModel) {
  return (
    <>
      <h1>Recognition queue of {organisation.name}</h1>
      <p>
        <a href={recognitionPaths.programs(organisation.slug)}>Programs</a>
      </p>
      <form method="get" class="card">
        <label for="f-status">Status</label>{' '}
        <select id="f-status" name="status">
          <option value="open" selected={status === 'open'}>
            Open (awaiting review or changes)
          </option>
          {STATUSES.map((s) => (
            <option value={s} selected={status === s}>
              {STATUS_LABELS[s]}
            </option>
          ))}
          <option value="all" selected={status === null}>
            All
          </option>
        </select>{' '}
        <button type="submit" class="secondary">
          Filter
        </button>
      </form>
      <SubmissionsTable rows={rows} slug={organisation.slug} side="recognizer" />
    </>
  );
}

export interface IssuerSubmissionsModel {
  organisation: { name: string; slug: string };
  rows: SubmissionView[];
}

export async function loadIssuerSubmissions(c: C): Promise<IssuerSubmissionsModel> {
  const { db } = c.var.deps;
  const { organisation } = await requireMember(db, slugOf(c), actorOf(c).userId, 'recognition.submit');
  const rows = await issuerSubmissions(db, organisation.id);
  return { organisation: { name: organisation.name, slug: organisation.slug }, rows };
}

export function IssuerSubmissionsView({ organisation, rows }: IssuerSubmissionsModel) {
  return (
    <>
      <h1>Recognition submissions of {organisation.name}</h1>
      <p>
        <a class="button" href={recognitionPaths.submit(organisation.slug)}>
          Submit for recognition
        </a>
      </p>
      <SubmissionsTable rows={rows} slug={organisation.slug} side="issuer" />
    </>
  );
}

/** The recognizer's review queue and the issuer's list of its submissions. */
export function queueRoutes() {
  const r = new Hono<AppEnv>();
  r.get(recognitionPaths.queue(':slug'), async (c) => {
    const model = await loadQueue(c, queueFilter(c.req.query('status')));
    return page(c, 'Recognition queue', <QueueView {...model} />);
  });
  r.get(recognitionPaths.submissions(':slug'), async (c) =>
    page(c, 'Recognition submissions', <IssuerSubmissionsView {...await loadIssuerSubmissions(c)} />),
  );
  return r;
}
