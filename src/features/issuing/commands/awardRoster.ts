import { z } from 'zod';
import { AppError } from '../../../domain/errors.ts';
import type { AwardRowState } from '../../../storage/schema.ts';
import { emailSchema } from '../../accounts/index.ts';
import { commandMessage } from '../../../web/i18n/commandMessages.ts';
import type { MessageValues } from '../../../web/i18n/i18n.ts';
import type { issuingErrors } from '../../../web/i18n/locales/en/errors/issuing.ts';

// A bulk award roster's columns and rows: the fields a column maps to, the mapping guessed from
// the header and checked against it, and one row checked against the mapping. Pure, no database.

/** The fields a column can be mapped to; only email is required. */
export const AWARD_FIELDS = {
  email: 'Recipient email',
  name: 'Recipient name',
  externalId: 'External id (e.g. student number)',
  credits: 'Credits earned',
  issuedOn: 'Issue date',
  evidenceUrl: 'Evidence URL',
  narrative: 'Evidence narrative',
} as const;
export type AwardField = keyof typeof AWARD_FIELDS;
export type AwardMapping = Partial<Record<AwardField, string>>;

const SUGGESTIONS: Record<AwardField, RegExp> = {
  email: /^(e-?mail|email address|e-mail address|recipient email|mail)$/i,
  name: /^(name|full name|recipient|recipient name|participant|attendee)$/i,
  externalId:
    /^(id|external id|external_id|student id|student number|employee id|member id|participant id)$/i,
  credits: /^(credits?|credit hours|hours|ceus?|credits earned)$/i,
  issuedOn: /^(date|issue date|issued on|issued|completed|completed on|completion date|attended on)$/i,
  evidenceUrl: /^(evidence|evidence url|url|link|evidence link)$/i,
  narrative: /^(narrative|notes?|comments?|evidence narrative)$/i,
};

/** A mapping guessed from the header's names (what the mapping form shows first). */
export function suggestMapping(header: readonly string[]): AwardMapping {
  const out: AwardMapping = {};
  for (const field of Object.keys(SUGGESTIONS) as AwardField[]) {
    const column = header.find((h) => SUGGESTIONS[field].test(h.trim()));
    if (column !== undefined) out[field] = column;
  }
  return out;
}

const mappingInput = z.record(z.string(), z.string().optional());

/** The mapping as given (form fields or --map), without blanks. */
function cleanMapping(raw: unknown): AwardMapping {
  const parsed = mappingInput.safeParse(raw);
  if (!parsed.success)
    throw new AppError('validation_failed', commandMessage('errors.issuing.bulk.mapColumns'), {
      email: commandMessage('errors.issuing.bulk.chooseEmailColumn'),
    });
  const out: AwardMapping = {};
  for (const [k, v] of Object.entries(parsed.data)) {
    if (!(k in AWARD_FIELDS))
      throw new AppError(
        'validation_failed',
        commandMessage('errors.issuing.bulk.unknownField', {
          field: k,
          fields: Object.keys(AWARD_FIELDS).join(', '),
        }),
        { [k]: commandMessage('errors.issuing.bulk.unknownFieldShort') },
      );
    if (v && v.trim()) out[k as AwardField] = v.trim();
  }
  return out;
}

/** Checks a mapping against the file's header: every mapped column exists, email is mapped. */
export function checkMapping(
  header: readonly string[],
  raw: unknown,
): { mapping: AwardMapping; unusedColumns: string[] } {
  const mapping = cleanMapping(raw);
  const errors: Record<string, string> = {};
  if (!mapping.email) errors.email = commandMessage('errors.issuing.bulk.chooseEmailColumn');
  for (const [field, column] of Object.entries(mapping)) {
    if (!header.includes(column))
      errors[field] = commandMessage('errors.issuing.bulk.noSuchColumn', {
        column,
        columns: header.join(', '),
      });
  }
  if (Object.keys(errors).length) throw new AppError('validation_failed', Object.values(errors)[0]!, errors);
  const used = new Set(Object.values(mapping));
  return { mapping, unusedColumns: header.filter((h) => !used.has(h)) };
}

const isoDateOnly = /^\d{4}-\d{2}-\d{2}$/;
const isoDateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

interface CheckedRow {
  n: number;
  email: string | null;
  name: string | null;
  external_id: string | null;
  credits: number | null;
  issued_on: string | null;
  evidence_url: string | null;
  narrative: string | null;
  state: AwardRowState;
  error: string | null;
}

/** Why a row is left out: one catalogue message (English, re-said on the run page). */
const row = (key: keyof typeof issuingErrors.rows, values?: MessageValues) =>
  commandMessage(`errors.issuing.rows.${key}`, values);

/** A row's problems are stored one per line, so the run page can say each in the reader's language. */
export const ROW_PROBLEM_SEPARATOR = '\n';

/** One row against the mapping: the values it yields, or what is wrong with it. */
export function checkRow(
  header: readonly string[],
  mapping: AwardMapping,
  n: number,
  cells: readonly string[],
): CheckedRow {
  const problems: string[] = [];
  const get = (field: AwardField) => {
    const column = mapping[field];
    if (!column) return null;
    const v = (cells[header.indexOf(column)] ?? '').trim();
    return v === '' ? null : v;
  };
  const extra = cells.slice(header.length).filter((c) => c.trim() !== '');
  if (extra.length)
    problems.push(
      extra.length === 1
        ? row('unknownColumnOne', { value: extra[0]!.slice(0, 40) })
        : row('unknownColumnMany', { count: extra.length, value: extra[0]!.slice(0, 40) }),
    );
  const rawEmail = get('email');
  let email: string | null = null;
  if (!rawEmail) problems.push(row('noEmail'));
  else {
    const parsed = emailSchema.safeParse(rawEmail);
    if (parsed.success) email = parsed.data;
    else problems.push(row('notEmail', { value: rawEmail.slice(0, 80) }));
  }
  const name = get('name');
  if (name && name.length > 200) problems.push(row('nameTooLong'));
  const externalId = get('externalId');
  if (externalId && externalId.length > 200) problems.push(row('externalIdTooLong'));
  const rawCredits = get('credits');
  let credits: number | null = null;
  if (rawCredits) {
    const c = Number(rawCredits.replace(',', '.'));
    if (!Number.isFinite(c) || c < 0 || c > 10_000)
      problems.push(row('credits', { value: rawCredits.slice(0, 20) }));
    else credits = c;
  }
  const rawDate = get('issuedOn');
  let issuedOn: string | null = null;
  if (rawDate) {
    const ok = (isoDateOnly.test(rawDate) || isoDateTime.test(rawDate)) && !Number.isNaN(Date.parse(rawDate));
    if (!ok) problems.push(row('issueDate', { value: rawDate.slice(0, 30) }));
    else
      issuedOn = isoDateOnly.test(rawDate)
        ? `${rawDate}T00:00:00Z`
        : `${new Date(rawDate).toISOString().slice(0, 19)}Z`;
  }
  const evidenceUrl = get('evidenceUrl');
  if (evidenceUrl) {
    let ok = false;
    try {
      const u = new URL(evidenceUrl);
      ok = (u.protocol === 'https:' || u.protocol === 'http:') && !/\s/.test(evidenceUrl);
    } catch {
      ok = false;
    }
    if (!ok) problems.push(row('evidenceUrl', { value: evidenceUrl.slice(0, 60) }));
  }
  const narrative = get('narrative');
  if (narrative && narrative.length > 20_000) problems.push(row('narrativeTooLong'));
  return {
    n,
    email,
    name,
    external_id: externalId,
    credits,
    issued_on: issuedOn,
    evidence_url: evidenceUrl,
    narrative,
    state: problems.length ? 'invalid' : 'pending',
    error: problems.length ? problems.join(ROW_PROBLEM_SEPARATOR) : null,
  };
}
