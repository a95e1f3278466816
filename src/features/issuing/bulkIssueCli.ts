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
import { commandMessage } from '../../web/i18n/commandMessages.ts';

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

const line = (p: AwardProgress) =>
  `${p.state === 'done' ? 'Done' : 'Issuing'}: ${p.issued} issued, ${p.skipped} skipped of ${p.valid} (${p.percent}%)`;

/**
 * `cairn issue --csv`: streams the file into a run, maps its columns (--map, or guessed from the
 * header), prints the dry run report, then (unless --dry-run) queues the run and works on it in
 * this process until it is done, printing progress. Other workers (`cairn worker`, `cairn
 * serve`) share the same jobs; if this process stops, they finish the run, or `--run` resumes it.
 */
export async function bulkIssue(
  rt: Runtime,
  org: { id: number; slug: string },
  opts: BulkIssueOptions,
  out: (text: string) => void,
): Promise<boolean> {
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
    out(`Read ${run.total} rows from ${opts.csv} (run ${run.publicId}).\n`);
    const mapping = opts.map ? parseMapOption(opts.map) : suggestMapping(run.header);
    out(
      `Columns: ${
        Object.entries(mapping)
          .map(([f, c]) => `${f}=${c}`)
          .join(', ') || '(none recognised: use --map email=<column>)'
      }\n`,
    );
    const summary = await mapAwardRun(deps, { actor, organisationId: org.id, run: run.publicId, mapping });
    out(
      `Dry run: ${summary.valid} to issue, ${summary.invalid} with problems, ${summary.duplicate} duplicate, ${summary.alreadyIssued} already issued.${summary.unusedColumns.length ? ` Columns not used: ${summary.unusedColumns.join(', ')}.` : ''}\n`,
    );
    const problems = await awardProblems(rt.storage.db, org.id, run.publicId, 20);
    for (const p of problems) out(`  line ${p.row_number}: ${p.error}\n`);
    if (problems.length === 20)
      out(`  … see ${rt.config.publicUrl}${issuingPaths.awardRun(org.slug, run.publicId)} for every row\n`);
    runId = run.publicId;
    if (opts.dryRun) {
      out(
        `Nothing issued (--dry-run). Issue later with: cairn issue --org ${org.slug} --micro-credential ${opts.microCredential} --run ${runId}\n`,
      );
      return true;
    }
    if (summary.valid === 0) {
      out('No row can be issued.\n');
      return summary.total > 0 && summary.alreadyIssued + summary.duplicate === summary.total;
    }
  }
  await startAwardRun(deps, { actor, organisationId: org.id, run: runId });
  return issueWithProgress(rt, org.id, runId, out);
}

/** Works on a started run in this process until it is done, printing its progress as it changes. */
async function issueWithProgress(
  rt: Runtime,
  organisationId: number,
  runId: string,
  out: (text: string) => void,
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
      const text = line(p);
      if (text !== last) {
        out(`${text}\n`);
        last = text;
      }
      if (p.state === 'done') return true;
      if (p.state === 'failed') {
        out(`Issuing failed: ${p.error}\n`);
        return false;
      }
      await new Promise((r) => setTimeout(r, 1000));
    }
  } finally {
    await worker.stop();
  }
}
