import type { Actor, CommandDeps } from '../../../domain/commands.ts';
import { notFound } from '../../../domain/errors.ts';
import { can } from '../../../domain/roles.ts';
import type { FormState } from '../../../web/forms.tsx';
import { requireMember } from '../../accounts/index.ts';
import { requireRecognizer } from '../commands/requireRecognizer.ts';
import { programOf, programsOf } from '../queries/programs.ts';

type Deps = Pick<CommandDeps, 'db'>;

/** A recognizer's programs, and whether this member may create and edit them. */
export interface ProgramsData {
  organisation: { name: string; slug: string };
  programs: Awaited<ReturnType<typeof programsOf>>;
  canManage: boolean;
}

export type ProgramsModel = ProgramsData & { form: FormState; csrfToken: string };

export async function loadPrograms(
  { db }: Deps,
  { actor, orgSlug }: { actor: Actor; orgSlug: string },
): Promise<ProgramsData> {
  const organisation = await requireRecognizer(db, orgSlug, actor.userId, 'recognition.read');
  const { membership } = await requireMember(db, orgSlug, actor.userId);
  return {
    organisation: { name: organisation.name, slug: organisation.slug },
    programs: await programsOf(db, organisation.id),
    canManage: can(membership.roles, 'recognition.manage'),
  };
}

type Program = NonNullable<Awaited<ReturnType<typeof programOf>>>;

/** One program of a recognizer, to edit (its terms as the form's values). */
export interface ProgramData {
  slug: string;
  program: Program;
}

export type ProgramModel = ProgramData & { form: FormState; csrfToken: string };

export async function loadProgram(
  { db }: Deps,
  { actor, orgSlug, program: publicId }: { actor: Actor; orgSlug: string; program: string },
): Promise<ProgramData> {
  const organisation = await requireRecognizer(db, orgSlug, actor.userId, 'recognition.manage');
  const program = await programOf(db, organisation.id, publicId);
  if (!program) throw notFound('program');
  return { slug: organisation.slug, program };
}

/** A program's terms as the form's values (a failed form keeps what was typed instead). */
export const programValues = (p: Program): Record<string, string> => ({
  name: p.name,
  licenseName: p.license_name,
  description: p.description,
  cycleYears: String(p.cycle_years),
  hoursRequired: String(Number(p.hours_required)),
  unitRule: p.unit_rule,
  fixedHours: p.fixed_hours === null ? '' : String(Number(p.fixed_hours)),
  capHoursPerCycle: p.cap_hours_per_cycle === null ? '' : String(Number(p.cap_hours_per_cycle)),
  posting: p.posting,
  digestEmail: p.digest_email ? 'on' : '',
});
