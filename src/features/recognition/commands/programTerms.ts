import { z } from 'zod';
import { conflict } from '../../../domain/errors.ts';
import type { Queryable } from '../../../storage/database.ts';
import type { Organisation } from '../../../storage/schema.ts';
import { sameNameProgram } from '../queries/programs.ts';
import { commandMessage } from '../../../web/i18n/commandMessages.ts';

/** A form or JSON number; '' and null mean "not given". */
const optionalHours = (words: { number: string; negative: string; max: string }) =>
  z.preprocess(
    (v) =>
      v === '' || v === null || v === undefined
        ? undefined
        : typeof v === 'string'
          ? Number(v.trim().replace(',', '.'))
          : v,
    z.number({ message: words.number }).min(0, words.negative).max(10000, words.max).optional(),
  );

export const programInput = z
  .object({
    name: z
      .string({ message: commandMessage('errors.recognition.program.name') })
      .trim()
      .min(2, commandMessage('errors.recognition.program.nameExample'))
      .max(200, commandMessage('errors.recognition.program.nameMax')),
    licenseName: z
      .string({ message: commandMessage('errors.recognition.program.licenseName') })
      .trim()
      .min(2, commandMessage('errors.recognition.program.licenseNameExample'))
      .max(200),
    description: z.string().trim().max(5000).default(''),
    cycleYears: z.preprocess(
      (v) => (v === '' || v === undefined ? undefined : typeof v === 'string' ? Number(v) : v),
      z
        .number({ message: commandMessage('errors.recognition.program.cycleWholeYears') })
        .int(commandMessage('errors.recognition.program.cycleWholeYears'))
        .min(1, commandMessage('errors.recognition.program.cycleRange'))
        .max(20, commandMessage('errors.recognition.program.cycleRange')),
    ),
    hoursRequired: z.preprocess(
      (v) =>
        v === '' || v === undefined
          ? undefined
          : typeof v === 'string'
            ? Number(v.trim().replace(',', '.'))
            : v,
      z
        .number({ message: commandMessage('errors.recognition.program.hoursRequired') })
        .min(0, commandMessage('errors.recognition.program.hoursRequiredNegative'))
        .max(10000, commandMessage('errors.recognition.program.hoursRequiredMax')),
    ),
    unitRule: z.enum(['fixed', 'credit_hours'], {
      message: commandMessage('errors.recognition.program.unitRule'),
    }),
    fixedHours: optionalHours({
      number: commandMessage('errors.recognition.program.fixedHoursNumber'),
      negative: commandMessage('errors.recognition.program.fixedHoursNegative'),
      max: commandMessage('errors.recognition.program.fixedHoursMax'),
    }),
    capHoursPerCycle: optionalHours({
      number: commandMessage('errors.recognition.program.capNumber'),
      negative: commandMessage('errors.recognition.program.capNegative'),
      max: commandMessage('errors.recognition.program.capMax'),
    }),
    posting: z.preprocess(
      (v) => (v === '' || v === undefined ? 'automatic' : v),
      z.enum(['automatic', 'review'], { message: commandMessage('errors.recognition.program.posting') }),
    ),
    digestEmail: z.preprocess((v) => v === true || v === 'on' || v === 'true', z.boolean()),
  })
  .superRefine((v, ctx) => {
    if (v.unitRule === 'fixed' && v.fixedHours === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['fixedHours'],
        message: commandMessage('errors.recognition.program.fixedHoursMissing'),
      });
    if (v.unitRule === 'fixed' && v.fixedHours === 0)
      ctx.addIssue({
        code: 'custom',
        path: ['fixedHours'],
        message: commandMessage('errors.recognition.program.fixedHoursZero'),
      });
    if (v.capHoursPerCycle !== undefined && v.capHoursPerCycle === 0)
      ctx.addIssue({
        code: 'custom',
        path: ['capHoursPerCycle'],
        message: commandMessage('errors.recognition.program.capZero'),
      });
    if (v.capHoursPerCycle !== undefined && v.hoursRequired > 0 && v.capHoursPerCycle > v.hoursRequired) {
      ctx.addIssue({
        code: 'custom',
        path: ['capHoursPerCycle'],
        message: commandMessage('errors.recognition.program.capOverRequired'),
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
    throw conflict(commandMessage('errors.recognition.program.nameTaken'), {
      name: commandMessage('errors.recognition.program.nameTakenField', {
        name,
        organisation: organisation.name,
      }),
    });
}
