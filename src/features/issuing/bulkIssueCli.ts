import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import type { Runtime } from '../../main/runtime.ts';
import { Worker } from '../../jobs/worker.ts';
import { issueAwardRunJob } from './jobs/bulkAwardJobs.ts';
import { createAwardRun, mapAwardRun, startAwardRun } from './commands/bulkAward.ts';
import { AWARD_FIELDS, suggestMapping } from './commands/awardRoster.ts';
import { awardProblems, awardProgress, type AwardProgress } from './queries/awardRuns.ts';
import { AppError } from '../../domain/errors.ts';
import { systemActor } from './issuingActor.ts';
import { issuingPaths } from './paths.ts';
import type { Translator } from '../../web/i18n/i18n.ts';
import { commandMessage, translateMessage } from '../../web/i18n/commandMessages.ts';

/** A row's problems (one per line, each a catalogue message) in the operator's language, on one line. */
const rowProblems = (i18n: Translator, error: string | null) =>
  (error ?? '')
    .split('\n')
    .map((problem) => translateMessage(i18n, problem))
    .join(' ');

export interface BulkIssueOptions {
  csv?: string;
  run?: string;
  microCredential: string;
  map?: string;
  dryRun?: boolean;
}

/** `--map email=Email,name=Full Name`: field=column pairs. */
export function parseMapOption(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of text.split(',')) {
    if (!pair.trim()) continue;
    const eq = pair.indexOf('=');
    if (eq < 1)
      throw new AppError(
        'validation_failed',
        commandMessage('errors.issuing.bulk.mapOption', {
          fields: Object.keys(AWARD_FIELDS).join(', '),
          pair: pair.trim(),
        }),
      );
    out[pair.slice(0, eq).trim()] = pair.slice(eq + 1).trim();
  }
  return out;
}

const line = ({ t }: Translator, p: AwardProgress) =>
  t(p.state === 'done' ? 'cli.bulk.done' : 'cli.bulk.issuing', {
    issued: p.issued,
    skipped: p.skipped,
    valid: p.valid,
    percent: p.percent,
  });

/**
 * `cairn issue --csv`: streams the file into a run, maps its columns (--map, or guessed from the
 * header), prints the dry run report, then (unless --dry-run) queues the run and works on it in
 * this process until it is done, printing progress. Other workers (`cairn worker`, `cairn
 * serve`) share the same jobs; if this process stops, they finish the run, or `--run` resumes it.
 * It speaks through `say`, a line at a time, in the language of `i18n`.
 */
export async function bulkIssue(
  rt: Runtime,
  org: { id: number; slug: string },
  opts: BulkIssueOptions,
  i18n: Translator,
  say: (line: string) => void,
): Promise<boolean> {
  const { t } = i18n;
  const deps = { db: rt.storage.db, clock: rt.clock, config: rt.config, credentials: rt.credentials };
  const actor = systemActor('cli: issue --csv');
  let runId = opts.run;
  if (!runId) {
    const source = createReadStream(opts.csv!, { highWaterMark: 256 * 1024 });
    const run = await createAwardRun(deps, {
      actor,
      organisationId: org.id,
      microCredential: opts.microCredential,
      fileName: basename(opts.csv!),
      source,
    });
    say(t('cli.bulk.read', { total: run.total, file: opts.csv!, run: run.publicId }));
    const mapping = opts.map ? parseMapOption(opts.map) : suggestMapping(run.header);
    const columns = Object.entries(mapping).map(([f, c]) => `${f}=${c}`);
    say(t('cli.bulk.columns', { columns: columns.join(', ') || t('cli.bulk.noColumns') }));
    const summary = await mapAwardRun(deps, { actor, organisationId: org.id, run: run.publicId, mapping });
    const { valid, invalid, duplicate, alreadyIssued } = summary;
    const unused = summary.unusedColumns.join(', ');
    say(
      [
        t('cli.bulk.dryRun', { valid, invalid, duplicate, alreadyIssued }),
        unused ? t('cli.bulk.unusedColumns', { columns: unused }) : '',
      ]
        .filter(Boolean)
        .join(' '),
    );
    const problems = await awardProblems(rt.storage.db, org.id, run.publicId, 20);
    for (const p of problems)
      say(`  ${t('cli.bulk.problem', { line: p.row_number, error: rowProblems(i18n, p.error) })}`);
    if (problems.length === 20)
      say(
        `  ${t('cli.bulk.everyRow', { url: `${rt.config.publicUrl}${issuingPaths.awardRun(org.slug, run.publicId)}` })}`,
      );
    runId = run.publicId;
    if (opts.dryRun) {
      const command = `cairn issue --org ${org.slug} --micro-credential ${opts.microCredential} --run ${runId}`;
      say(t('cli.bulk.nothingIssued', { command }));
      return true;
    }
    if (summary.valid === 0) {
      say(t('cli.bulk.noRow'));
      return summary.total > 0 && summary.alreadyIssued + summary.duplicate === summary.total;
    }
  }
  await startAwardRun(deps, { actor, organisationId: org.id, run: runId });
  return issueWithProgress(rt, org.id, runId, i18n, say);
}

/** Works on a started run in this process until it is done, printing its progress as it changes. */
async function issueWithProgress(
  rt: Runtime,
  organisationId: number,
  runId: string,
  i18n: Translator,
  say: (line: string) => void,
): Promise<boolean> {
  const worker = new Worker({
    deps: {
      db: rt.storage.db,
      clock: rt.clock,
      logger: rt.logger,
      mailer: rt.mailer,
      config: rt.config,
      credentials: rt.credentials,
    },
    jobs: [issueAwardRunJob],
    concurrency: 2,
    pollMs: 500,
  });
  worker.start();
  let last = '';
  try {
    for (;;) {
      const p = await awardProgress(rt.storage.db, organisationId, runId);
      const text = line(i18n, p);
      if (text !== last) {
        say(text);
        last = text;
      }
      if (p.state === 'done') return true;
      if (p.state === 'failed') {
        say(i18n.t('cli.bulk.failed', { error: translateMessage(i18n, p.error ?? '') }));
        return false;
      }
      await new Promise((r) => setTimeout(r, 1000));
    }
  } finally {
    await worker.stop();
  }
}
