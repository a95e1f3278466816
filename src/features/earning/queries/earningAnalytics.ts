import type { Queryable } from '../../../storage/database.ts';

export interface MicroCredentialStats {
  microCredential: string;
  title: string;
  applications: number;
  submissions: number;
  passed: number;
  expired: number;
  firstTimePassRate: number | null;
  meanAttemptsToPass: number | null;
  turnaroundMedianHours: number | null;
  turnaroundP90Hours: number | null;
}

function percentile(sorted: number[], p: number): number | null {
  if (!sorted.length) return null;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const round = (n: number | null, digits = 1) => (n === null ? null : Number(n.toFixed(digits)));

/** Per micro-credential figures of an organisation's earning loop (the issuer's analytics). */
export async function earningStats(db: Queryable, organisationId: number): Promise<MicroCredentialStats[]> {
  const [apps, attempts, titles] = await Promise.all([
    db
      .selectFrom('applications')
      .select(['id', 'micro_credential_id', 'status', 'attempts'])
      .where('organisation_id', '=', organisationId)
      .execute(),
    db
      .selectFrom('attempts as a')
      .innerJoin('applications as p', 'p.id', 'a.application_id')
      .select([
        'a.application_id',
        'a.number',
        'a.decision',
        'a.submitted_at',
        'a.reviewed_at',
        'p.micro_credential_id',
      ])
      .where('p.organisation_id', '=', organisationId)
      .execute(),
    db
      .selectFrom('micro_credentials as m')
      .innerJoin('micro_credential_versions as v', 'v.micro_credential_id', 'm.id')
      .select(['m.id', 'm.public_id', 'v.title', 'v.version'])
      .where('m.organisation_id', '=', organisationId)
      .orderBy('v.version', 'desc')
      .execute(),
  ]);
  const byMc = new Map<number, { public_id: string; title: string }>();
  for (const t of titles) if (!byMc.has(t.id)) byMc.set(t.id, { public_id: t.public_id, title: t.title });
  const stats: MicroCredentialStats[] = [];
  for (const [mcId, mc] of byMc) {
    const mine = apps.filter((a) => a.micro_credential_id === mcId);
    if (!mine.length) continue;
    const tries = attempts.filter((a) => a.micro_credential_id === mcId);
    const firstReviewed = tries.filter((t) => t.number === 1 && t.decision);
    const passedApps = mine.filter((a) => a.status === 'passed');
    const turnaround = tries
      .filter((t) => t.reviewed_at)
      .map((t) => (t.reviewed_at!.getTime() - t.submitted_at.getTime()) / 3_600_000)
      .sort((a, b) => a - b);
    stats.push({
      microCredential: mc.public_id,
      title: mc.title,
      applications: mine.length,
      submissions: tries.length,
      passed: passedApps.length,
      expired: mine.filter((a) => a.status === 'expired').length,
      firstTimePassRate: firstReviewed.length
        ? round(firstReviewed.filter((t) => t.decision === 'passed').length / firstReviewed.length, 3)
        : null,
      meanAttemptsToPass: passedApps.length
        ? round(passedApps.reduce((n, a) => n + a.attempts, 0) / passedApps.length, 2)
        : null,
      turnaroundMedianHours: round(percentile(turnaround, 50)),
      turnaroundP90Hours: round(percentile(turnaround, 90)),
    });
  }
  return stats.sort((a, b) => b.applications - a.applications);
}

/** The statistics as CSV, for spreadsheets. */
export function statsCsv(stats: MicroCredentialStats[]): string {
  const header = [
    'micro_credential',
    'title',
    'applications',
    'submissions',
    'passed',
    'expired',
    'first_time_pass_rate',
    'mean_attempts_to_pass',
    'turnaround_median_hours',
    'turnaround_p90_hours',
  ];
  const cell = (v: unknown) => {
    const s = v === null || v === undefined ? '' : String(v);
    return /[",\n\r]|^[=+\-@]/.test(s) ? `"${s.replace(/"/g, '""').replace(/^([=+\-@])/, "'$1")}"` : s;
  };
  return (
    [
      header.join(','),
      ...stats.map((s) =>
        [
          s.microCredential,
          s.title,
          s.applications,
          s.submissions,
          s.passed,
          s.expired,
          s.firstTimePassRate,
          s.meanAttemptsToPass,
          s.turnaroundMedianHours,
          s.turnaroundP90Hours,
        ]
          .map(cell)
          .join(','),
      ),
    ].join('\r\n') + '\r\n'
  );
}
