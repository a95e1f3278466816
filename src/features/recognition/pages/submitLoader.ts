import type { Actor, CommandDeps } from '../../../domain/commands.ts';
import { notFound } from '../../../domain/errors.ts';
import type { FormState } from '../../../web/forms.tsx';
import { requireMember } from '../../accounts/index.ts';
import { loadSubmission } from '../commands/submissionAccess.ts';
import { openPrograms } from '../queries/programs.ts';
import { submittableSubjects, type SubmissionView } from '../queries/submissions.ts';
import { programChoices, type ProgramChoice } from './submitModel.ts';

type Deps = Pick<CommandDeps, 'db'>;
type Who = { actor: Actor; orgSlug: string };

/** Something the issuer may submit: `value` is the form's (`mc:…`, `pathway:…`, `stack:…`). */
export interface SubjectOption {
  value: string;
  kind: 'mc' | 'pathway' | 'stack';
  name: string;
  /** The published version (micro-credentials only). */
  version: number | null;
}

export interface SubmitData {
  slug: string;
  suggested: ProgramChoice[];
  other: ProgramChoice[];
  subjects: SubjectOption[];
  /** The subject chosen beforehand (`mc:<id>`), from the query or the resubmitted submission. */
  chosenSubject: string | undefined;
  /** The submission this one resubmits, if any. */
  previous:
    | Pick<SubmissionView, 'public_id' | 'subject_name' | 'program_public_id' | 'statement' | 'mc_public_id'>
    | undefined;
  /** An "Other" program was chosen: the form asks to confirm the recognizer by name. */
  confirmOther: ProgramChoice | undefined;
}

export type SubmitModel = SubmitData & { form: FormState; csrfToken: string };

/** The programs an issuer may submit to (suggested first, for the chosen subject) and its subjects. */
async function choices(db: Deps['db'], orgSlug: string, actor: Actor, chosen: string | undefined) {
  const { organisation } = await requireMember(db, orgSlug, actor.userId, 'recognition.submit');
  const [programs, subjects] = await Promise.all([
    openPrograms(db, organisation.id),
    submittableSubjects(db, organisation.id),
  ]);
  return { organisation, subjects, ...programChoices(programs, subjects, chosen, organisation.id) };
}

export async function loadSubmit(
  { db }: Deps,
  input: Who & {
    form: FormState;
    /** `?mc=`: the micro-credential to submit, from its designer page. */
    mc?: string | undefined;
    previous?: SubmitData['previous'];
    confirmOtherOf?: string | undefined;
  },
): Promise<SubmitData> {
  const { form, mc, previous, confirmOtherOf } = input;
  const chosenSubject =
    form.values.subject ||
    (mc ? `mc:${mc}` : previous?.mc_public_id ? `mc:${previous.mc_public_id}` : undefined);
  const { organisation, subjects, suggested, other } = await choices(
    db,
    input.orgSlug,
    input.actor,
    chosenSubject,
  );
  return {
    slug: organisation.slug,
    suggested,
    other,
    subjects: [
      ...subjects.microCredentials.map((m): SubjectOption => ({
        value: `mc:${m.public_id}`,
        kind: 'mc',
        name: m.title,
        version: m.version,
      })),
      ...subjects.pathways.map((p): SubjectOption => ({
        value: `pathway:${p.public_id}`,
        kind: 'pathway',
        name: p.name,
        version: null,
      })),
      ...subjects.stacks.map((s): SubjectOption => ({
        value: `stack:${s.public_id}`,
        kind: 'stack',
        name: s.name,
        version: null,
      })),
    ],
    chosenSubject,
    previous,
    confirmOther: confirmOtherOf ? other.find((p) => p.publicId === confirmOtherOf) : undefined,
  };
}

/** The "Other" (not suggested) program chosen for a subject, or null when it is a suggested one. */
export async function otherProgramChosen(
  { db }: Deps,
  { actor, orgSlug, program, subject }: Who & { program: string; subject: string | undefined },
): Promise<ProgramChoice | null> {
  const { other } = await choices(db, orgSlug, actor, subject);
  return other.find((p) => p.publicId === program) ?? null;
}

/** The submission a resubmission follows, when this member may act for its issuer. */
export async function submissionToResubmit(
  { db }: Deps,
  { actor, orgSlug, submission }: Who & { submission: string },
): Promise<SubmissionView> {
  const { sides, submission: s } = await loadSubmission(db, orgSlug, actor.userId, submission);
  if (!sides.includes('issuer')) throw notFound('submission');
  return s;
}

/** The resubmitted submission named by a failed form, if this member may still see it (else none). */
export async function previousOfForm(
  deps: Deps,
  who: Who & { submission: string },
): Promise<SubmissionView | undefined> {
  if (!who.submission) return undefined;
  const loaded = await loadSubmission(deps.db, who.orgSlug, who.actor.userId, who.submission).catch(
    () => null,
  );
  return loaded?.submission;
}
