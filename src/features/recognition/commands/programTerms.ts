import { z } from 'zod';
import { conflict } from '../../../domain/errors.ts';
import type { Queryable } from '../../../storage/database.ts';
import type { Organisation } from '../../../storage/schema.ts';
import { sameNameProgram } from '../queries/programs.ts';

/** A form or JSON number; '' and null mean "not given". */
const optionalHours = (label: string) =>
  z.preprocess(
    (v) =>
      v === '' || v === null || v === undefined
        ? undefined
        : typeof v === 'string'
          ? Number(v.trim().replace(',', '.'))
          : v,
    z
      .number({ message: `${label} must be a number of hours, e.g. 0.5.` })
      .min(0, `${label} cannot be negative.`)
      .max(10000, `${label} is at most 10000 hours.`)
      .optional(),
  );

export const programInput = z
  .object({
    name: z
      .string({ message: 'Name the program.' })
      .trim()
      .min(2, 'Name the program, e.g. “Educator license renewal”.')
      .max(200, 'Keep the name under 200 characters.'),
    licenseName: z
      .string({ message: 'Name the credential the program maintains.' })
      .trim()
      .min(2, 'Name the credential the program maintains, e.g. “Educator license”.')
      .max(200),
    description: z.string().trim().max(5000).default(''),
    cycleYears: z.preprocess(
      (v) => (v === '' || v === undefined ? undefined : typeof v === 'string' ? Number(v) : v),
      z
        .number({ message: 'Give the renewal cycle in whole years (1–20).' })
        .int('Give the renewal cycle in whole years (1–20).')
        .min(1, 'A renewal cycle is 1 to 20 years.')
        .max(20, 'A renewal cycle is 1 to 20 years.'),
    ),
    hoursRequired: z.preprocess(
      (v) =>
        v === '' || v === undefined
          ? undefined
          : typeof v === 'string'
            ? Number(v.trim().replace(',', '.'))
            : v,
      z
        .number({ message: 'Give the credit hours required per cycle, e.g. 150.' })
        .min(0, 'The hours required cannot be negative.')
        .max(10000, 'The hours required are at most 10000.'),
    ),
    unitRule: z.enum(['fixed', 'credit_hours'], {
      message:
        'Choose how an approved micro-credential counts: a fixed number of hours or its own credit hours.',
    }),
    fixedHours: optionalHours('Hours per micro-credential'),
    capHoursPerCycle: optionalHours('The cap per cycle'),
    posting: z.preprocess(
      (v) => (v === '' || v === undefined ? 'automatic' : v),
      z.enum(['automatic', 'review'], { message: 'Choose automatic posting or posting after review.' }),
    ),
    digestEmail: z.preprocess((v) => v === true || v === 'on' || v === 'true', z.boolean()),
  })
  .superRefine((v, ctx) => {
    if (v.unitRule === 'fixed' && v.fixedHours === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['fixedHours'],
        message: 'With the fixed rule, give the hours each approved micro-credential counts for, e.g. 0.5.',
      });
    if (v.unitRule === 'fixed' && v.fixedHours === 0)
      ctx.addIssue({
        code: 'custom',
        path: ['fixedHours'],
        message: 'Hours per micro-credential must be more than 0.',
      });
    if (v.capHoursPerCycle !== undefined && v.capHoursPerCycle === 0)
      ctx.addIssue({
        code: 'custom',
        path: ['capHoursPerCycle'],
        message: 'A cap of 0 hours would count nothing: leave it empty for no cap.',
      });
    if (v.capHoursPerCycle !== undefined && v.hoursRequired > 0 && v.capHoursPerCycle > v.hoursRequired) {
      ctx.addIssue({
        code: 'custom',
        path: ['capHoursPerCycle'],
        message: 'The cap per cycle cannot exceed the hours required per cycle.',
      });
    }
  });

export type ProgramInput = z.output<typeof programInput>;

/** The program's terms as table columns. */
export function programColumns(v: ProgramInput) {
  return {
    name: v.name,
    license_name: v.licenseName,
    description: v.description,
    cycle_years: v.cycleYears,
    hours_required: v.hoursRequired,
    unit_rule: v.unitRule,
    fixed_hours: v.unitRule === 'fixed' ? (v.fixedHours ?? null) : null,
    cap_hours_per_cycle: v.capHoursPerCycle ?? null,
    posting: v.posting,
    digest_email: v.digestEmail,
  };
}

/** What the audit log keeps of a program's terms. */
export function programAuditData(v: ProgramInput) {
  return {
    name: v.name,
    cycleYears: v.cycleYears,
    hoursRequired: v.hoursRequired,
    unitRule: v.unitRule,
    fixedHours: v.fixedHours ?? null,
    cap: v.capHoursPerCycle ?? null,
  };
}

/** Two open programs of one recognizer never share a name. */
export async function assertProgramNameFree(
  db: Queryable,
  organisation: Organisation,
  name: string,
  exceptProgramId?: number,
): Promise<void> {
  if (await sameNameProgram(db, organisation.id, name, exceptProgramId))
    throw conflict('A program with that name exists.', {
      name: `“${name}” is already a program of ${organisation.name}.`,
    });
}
