import { z } from 'zod';
import { ROLES } from '../../domain/roles.ts';
import { accountMessage } from './messages.ts';

/** Emails are compared and stored lower-cased and trimmed. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export const emailSchema = z
  .string()
  .trim()
  .min(1, accountMessage('enterEmail'))
  .max(254, accountMessage('emailTooLong'))
  .email(accountMessage('emailFormat'))
  .transform(normaliseEmail);

export const passwordSchema = z
  .string()
  .min(10, accountMessage('passwordShort'))
  .max(200, accountMessage('passwordLong'))
  .refine((p) => new Set(p).size >= 4, accountMessage('passwordRepetitive'));

export const nameSchema = z
  .string()
  .trim()
  .min(1, accountMessage('enterName'))
  .max(120, accountMessage('nameLong'));

export const slugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, accountMessage('slugFormat'));

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
    z.array(z.enum(ROLES, { message: accountMessage('unknownRole') })),
  )
  .pipe(z.array(z.enum(ROLES)).min(1, accountMessage('chooseRole')))
  .transform((roles) => [...new Set(roles)].sort((a, b) => ROLES.indexOf(a) - ROLES.indexOf(b)));
