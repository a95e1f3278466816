import { z } from 'zod';
import { ROLES } from '../../domain/roles.ts';

/** Emails are compared and stored lower-cased and trimmed. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export const emailSchema = z
  .string()
  .trim()
  .min(1, 'Enter an email address.')
  .max(254, 'That email address is too long.')
  .email('Enter an email address like name@example.org.')
  .transform(normaliseEmail);

export const passwordSchema = z
  .string()
  .min(10, 'Use at least 10 characters.')
  .max(200, 'Use at most 200 characters.')
  .refine((p) => new Set(p).size >= 4, 'Use a less repetitive password.');

export const nameSchema = z
  .string()
  .trim()
  .min(1, 'Enter your name.')
  .max(120, 'Use at most 120 characters.');

export const slugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(
    /^[a-z0-9][a-z0-9-]{1,62}$/,
    'Use 2–63 lower-case letters, digits and dashes, starting with a letter or digit.',
  );

/** Turns an organisation name into a suggested slug. */
export function slugify(name: string): string {
  const s = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63);
  return s.length >= 2 ? s : `org-${s}`;
}

export const CONFIRM_EMAIL_TTL_HOURS = 48;
export const RESET_PASSWORD_TTL_HOURS = 2;
export const INVITATION_TTL_DAYS = 14;

/** Roles from a form (one checkbox or several) or JSON, de-duplicated in their canonical order. */
export const rolesSchema = z
  .preprocess(
    (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
    z.array(z.enum(ROLES, { message: 'Unknown role.' })),
  )
  .pipe(z.array(z.enum(ROLES)).min(1, 'Choose at least one role.'))
  .transform((roles) => [...new Set(roles)].sort((a, b) => ROLES.indexOf(a) - ROLES.indexOf(b)));
