import type { Db } from '../../../storage/database.ts';
import type { AwardRunState } from '../../../storage/schema.ts';
import { suggestMapping, type AwardMapping } from '../commands/awardRoster.ts';
import { awardProblems, awardProgress, listAwardRuns, runHeaderAndMapping } from '../queries/awardRuns.ts';
import type { AwardProgress } from '../queries/awardRuns.ts';
import { awardableMicroCredentials } from '../queries/issuedCredentials.ts';
import { issuingPaths } from '../paths.ts';

// The view models of the bulk award pages (bulkAwards.tsx routes, bulkAwardViews.tsx renders).

/** Largest roster a browser may upload; larger files go through `cairn issue --csv`, which streams from disk. */
export const MAX_ROSTER_UPLOAD_MB = 50;

/** How many problem rows the run page lists (the JSON API gives more). */
export const PROBLEM_ROWS_SHOWN = 200;

type Org = { id: number; slug: string };

export interface AwardRunsModel {
  microCredentials: Array<{ public_id: string; title: string }>;
  runs: Array<{
    fileName: string;
    /** The micro-credential's title (its public id when it can no longer be awarded). */
    microCredential: string;
    version: number;
    total: number;
    issued: number;
    state: AwardRunState;
    path: string;
  }>;
  maxUploadMb: number;
  paths: { upload: string; streamUpload: string };
}

/** The runs page: what can be awarded, the upload form's addresses and the earlier runs. */
export async function loadAwardRuns(db: Db, organisation: Org): Promise<AwardRunsModel> {
  const [runs, microCredentials] = await Promise.all([
    listAwardRuns(db, organisation.id),
    awardableMicroCredentials(db, organisation.id),
  ]);
  const titles = new Map(microCredentials.map((m) => [m.public_id, m.title]));
  return {
    microCredentials,
    runs: runs.map((run) => ({
      fileName: run.file_name,
      microCredential: titles.get(run.mc_public_id) ?? run.mc_public_id,
      version: run.micro_credential_version,
      total: run.total_rows,
      issued: run.issued_rows,
      state: run.state,
      path: issuingPaths.awardRun(organisation.slug, run.public_id),
    })),
    maxUploadMb: MAX_ROSTER_UPLOAD_MB,
    paths: {
      upload: issuingPaths.awards(organisation.slug),
      streamUpload: issuingPaths.awardRunsApi(organisation.slug),
    },
  };
}

export interface ProblemRow {
  line: number;
  /** The checked address, or else what the mapped email column held. */
  email: string;
  /** Why the row is left out (as the dry run wrote it). */
  problem: string | null;
}

export interface AwardRunModel {
  progress: AwardProgress;
  /** The file's columns and the mapping shown (the saved one, else the guessed one). */
  header: string[];
  mapping: AwardMapping;
  /** Columns the mapping leaves unused. */
  unused: string[];
  problems: ProblemRow[];
  /** Whether more problem rows exist than are shown. */
  problemsCut: boolean;
  /** Checking or issuing: the page refreshes itself. */
  live: boolean;
  paths: {
    all: string;
    mapping: string;
    issue: string;
    progress: string;
    credentials: string;
  };
}

/** One run: where it stands, its mapping form's columns and the rows left out. */
export async function loadAwardRun(db: Db, organisation: Org, runId: string): Promise<AwardRunModel> {
  const progress = await awardProgress(db, organisation.id, runId);
  const run = await runHeaderAndMapping(db, organisation.id, runId);
  const mapping = run.mapping ?? suggestMapping(run.header);
  const problems =
    progress.state === 'uploaded' || progress.state === 'checking'
      ? []
      : await awardProblems(db, organisation.id, runId, PROBLEM_ROWS_SHOWN);
  const emailAt = run.header.indexOf(mapping.email ?? '');
  const used = Object.values(mapping);
  return {
    progress,
    header: run.header,
    mapping,
    unused: run.header.filter((h) => !used.includes(h)),
    problems: problems.map((p) => ({
      line: p.row_number,
      email: p.email ?? p.cells[emailAt] ?? '',
      problem: p.error,
    })),
    problemsCut: problems.length === PROBLEM_ROWS_SHOWN,
    live: progress.state === 'checking' || progress.state === 'queued' || progress.state === 'running',
    paths: {
      all: issuingPaths.awards(organisation.slug),
      mapping: issuingPaths.awardRunMapping(organisation.slug, runId),
      issue: issuingPaths.awardRunIssue(organisation.slug, runId),
      progress: issuingPaths.awardRunProgress(organisation.slug, runId),
      credentials: issuingPaths.credentials(organisation.slug),
    },
  };
}
