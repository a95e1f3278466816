/**
 * Which recognition programs suit what an issuer submits, so the submit form can put them first
 * (and ask once more before anything goes to an unrelated recognizer: a teacher's badge once went
 * to a therapy council by mistake). Pure: the facts come in, a verdict per program comes out.
 */

/** What a program is known by: its words and the tags/alignments of what it already approved. */
export interface ProgramFacts {
  public_id: string;
  name: string;
  license_name: string;
  description: string;
  organisation_id: number;
  /** Submissions of this issuer the program approved. */
  approved_for_issuer: number | string;
  /** Lower-cased tags, alignment names and framework addresses of what the program approved. */
  approved_tags: string[] | null;
}

/** Why a program is suggested (in the order they are shown). */
export type RelevanceReason = 'pastApprovals' | 'sharedTags' | 'ownProgram' | 'namedField';

export interface Relevance {
  score: number;
  reasons: RelevanceReason[];
  /** The subject's tags the program shares. */
  shared: string[];
}

const norm = (s: string) => s.trim().toLowerCase();

/** Scores one program for a subject known by `subjectTokens` (its tags, alignment names and addresses). */
export function relevanceOf(
  program: ProgramFacts,
  subjectTokens: string[],
  issuerOrganisationId: number,
): Relevance {
  const tokens = [...new Set(subjectTokens.map(norm).filter(Boolean))];
  const approved = new Set((program.approved_tags ?? []).map(norm));
  const shared = tokens.filter((t) => approved.has(t));
  const words = norm(`${program.name} ${program.license_name} ${program.description}`);
  const named = tokens.filter((t) => t.length > 3 && !t.includes('/') && words.includes(t));
  const reasons: RelevanceReason[] = [];
  let score = 0;
  if (Number(program.approved_for_issuer) > 0) {
    score += 3;
    reasons.push('pastApprovals');
  }
  if (shared.length) {
    score += 2 * shared.length;
    reasons.push('sharedTags');
  }
  if (program.organisation_id === issuerOrganisationId && (shared.length || named.length)) {
    score += 2;
    reasons.push('ownProgram');
  }
  if (named.length) {
    score += 1;
    reasons.push('namedField');
  }
  return { score, reasons, shared: [...new Set([...shared, ...named])] };
}

/** Programs in order of relevance (then recognizer and name), split into suggested and other. */
export function rankPrograms<P extends ProgramFacts & { organisation_name: string }>(
  programs: P[],
  subjectTokens: string[],
  issuerOrganisationId: number,
): { suggested: Array<P & { relevance: Relevance }>; other: Array<P & { relevance: Relevance }> } {
  const ranked = programs
    .map((p) => ({ ...p, relevance: relevanceOf(p, subjectTokens, issuerOrganisationId) }))
    .sort(
      (a, b) =>
        b.relevance.score - a.relevance.score ||
        a.organisation_name.localeCompare(b.organisation_name) ||
        a.name.localeCompare(b.name),
    );
  return {
    suggested: ranked.filter((p) => p.relevance.score > 0),
    other: ranked.filter((p) => p.relevance.score === 0),
  };
}
