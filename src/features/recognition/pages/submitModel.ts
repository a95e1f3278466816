import { rankPrograms, type Relevance } from '../commands/programRelevance.ts';
import type { openPrograms } from '../queries/programs.ts';
import type { submittableSubjects } from '../queries/submissions.ts';

type Program = Awaited<ReturnType<typeof openPrograms>>[number];
type Subjects = Awaited<ReturnType<typeof submittableSubjects>>;

/** One program as the submit form offers it: who recognizes, what it counts toward, why suggested. */
export interface ProgramChoice {
  publicId: string;
  /** The option's text: recognizer — program (license). */
  label: string;
  recognizer: string;
  program: string;
  license: string;
  unitRule: 'fixed' | 'credit_hours';
  fixedHours: number | null;
  hoursRequired: number;
  own: boolean;
  relevance: Relevance;
}

/** The tags, alignment names and framework addresses of one subject (`mc:…`, `stack:…`), or of all when none is chosen. */
export function subjectTokens(subjects: Subjects, chosen: string | undefined): string[] {
  const [kind, ...rest] = (chosen ?? '').split(':');
  const id = rest.join(':');
  const ofMc = (m: Subjects['microCredentials'][number]) => [
    ...(m.tags ?? []),
    ...(m.alignment_tokens ?? []),
  ];
  if (kind === 'mc') {
    const m = subjects.microCredentials.find((x) => x.public_id === id);
    if (m) return ofMc(m);
  }
  if (kind === 'stack') {
    const s = subjects.stacks.find((x) => x.public_id === id);
    if (s) return s.tags ?? [];
  }
  return [...subjects.microCredentials.flatMap(ofMc), ...subjects.stacks.flatMap((s) => s.tags ?? [])];
}

/** The programs split into suggested (most relevant first) and other, for one subject. */
export function programChoices(
  programs: Program[],
  subjects: Subjects,
  chosen: string | undefined,
  issuerOrganisationId: number,
): { suggested: ProgramChoice[]; other: ProgramChoice[] } {
  const { suggested, other } = rankPrograms(
    programs.map((p) => ({ ...p, description: p.description ?? '' })),
    subjectTokens(subjects, chosen),
    issuerOrganisationId,
  );
  const choice = (p: (typeof suggested)[number]): ProgramChoice => ({
    publicId: p.public_id,
    label: `${p.organisation_name} — ${p.name} (${p.license_name})`,
    recognizer: p.organisation_name,
    program: p.name,
    license: p.license_name,
    unitRule: p.unit_rule,
    fixedHours: p.fixed_hours === null ? null : Number(p.fixed_hours),
    hoursRequired: Number(p.hours_required),
    own: Number(p.organisation_id) === issuerOrganisationId,
    relevance: p.relevance,
  });
  return { suggested: suggested.map(choice), other: other.map(choice) };
}
