import { slugify } from '../../accounts/index.ts';
import type { Design } from '../microCredential.ts';
import { formatMoney, minorDigits, parseMajorAmount } from '../../../domain/money.ts';
import { languageEditionFormValues, languageEditionFromForm } from './designer/languageEditionFields.tsx';

type Fields = Record<string, string | string[]>;
const str = (f: Fields, k: string) => (typeof f[k] === 'string' ? (f[k] as string) : '');
const num = (f: Fields, k: string) => (str(f, k).trim() === '' ? undefined : Number(str(f, k)));

/** The fee's currency as typed (an unknown code falls back to USD for reading the amount; the schema reports it). */
function feeCurrency(f: Fields): string {
  const code = str(f, 'applicationFeeCurrency').trim().toUpperCase() || 'USD';
  try {
    minorDigits(code);
    return code;
  } catch {
    return 'USD';
  }
}

/** How many blank rows the form offers for new evidence parts and rubric criteria. */
export const BLANK_ROWS = 2;

/** Earning modes that use evidence parts and a rubric (the others are decided without them). */
export const REVIEWED_MODES = ['reviewed_evidence'] as const;

/** An OB 3.0 achievement type in words: "CertificateOfCompletion" → "Certificate of completion". */
export function achievementTypeLabel(type: string): string {
  const special: Record<string, string> = {
    CoCurricular: 'Co-curricular',
    GeneralEducationDevelopment: 'General education development (GED)',
    MicroCredential: 'Micro-credential',
  };
  if (special[type]) return special[type];
  const words = type
    .replace(/^ext:/, '')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * How many rows of a repeated group (evidence parts, criteria) the form shows: the rows in use
 * (up to the last one with a value) plus BLANK_ROWS, so re-showing the form after an error does
 * not add more empty rows each time.
 */
export function rowsToShow(values: Record<string, string>, prefix: string): number {
  let used = 0;
  for (const [key, value] of Object.entries(values)) {
    if (!key.startsWith(prefix) || !value.trim()) continue;
    const index = Number(key.slice(prefix.length));
    if (Number.isInteger(index)) used = Math.max(used, index + 1);
  }
  return used + BLANK_ROWS;
}

/** Reads the designer's HTML form into the design shape the commands validate. */
export function designFromForm(f: Fields): Record<string, unknown> {
  const earningMode = str(f, 'earningMode') || 'reviewed_evidence';
  // Evidence parts and a rubric belong to peer-reviewed evidence only: a certificate of
  // completion, an attendance or an assessment badge is never asked for them.
  const reviewed = (REVIEWED_MODES as readonly string[]).includes(earningMode);
  const evidenceParts = [];
  for (let i = 0; (reviewed && str(f, `ev_kind_${i}`) !== '') || str(f, `ev_prompt_${i}`) !== ''; i++) {
    if (!str(f, `ev_prompt_${i}`).trim()) continue;
    evidenceParts.push({
      prompt: str(f, `ev_prompt_${i}`),
      kind: str(f, `ev_kind_${i}`),
      maxWords: num(f, `ev_words_${i}`),
      maxSizeMb: num(f, `ev_size_${i}`),
      required: str(f, `ev_required_${i}`) === 'on',
    });
  }
  const levelNames = str(f, 'levels')
    .split(',')
    .map((l) => l.trim())
    .filter(Boolean);
  const levels = levelNames.map((name) => ({ id: slugify(name).replace(/^org-/, '') || 'level', name }));
  const criteria = [];
  for (let i = 0; str(f, `cr_name_${i}`) !== '' || f[`cr_pass_${i}`] !== undefined; i++) {
    if (!str(f, `cr_name_${i}`).trim()) continue;
    const descriptors: Record<string, string> = {};
    levels.forEach((l, j) => {
      const text = str(f, `cr_desc_${i}_${j}`).trim();
      if (text) descriptors[l.id] = text;
    });
    criteria.push({
      id: `c${i + 1}`,
      name: str(f, `cr_name_${i}`),
      descriptors,
      passingLevel: levels[Number(str(f, `cr_pass_${i}`)) || 0]?.id ?? '',
    });
  }
  const rubric =
    reviewed && (levels.length || criteria.length)
      ? {
          levels,
          criteria,
          passRule:
            str(f, 'pass_rule') === 'minimum'
              ? { type: 'minimum', count: num(f, 'pass_count') ?? 1 }
              : { type: 'all' },
        }
      : undefined;
  return {
    title: str(f, 'title'),
    competency: str(f, 'competency'),
    description: str(f, 'description'),
    keyMethod: str(f, 'keyMethod'),
    criteria: str(f, 'criteria'),
    evidenceParts,
    rubric,
    effortHours: str(f, 'effortHours'),
    creditHours: str(f, 'creditHours'),
    achievementType: str(f, 'achievementType') || 'MicroCredential',
    tags: str(f, 'tags')
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean),
    alignments: str(f, 'alignments')
      .split('\n')
      .map((line) => line.split('|').map((p) => p.trim()))
      .filter((p) => p[0])
      .map(([name, url, code]) => ({ name, url: url ?? '', code: code || undefined })),
    validityMonths: str(f, 'validityMonths'),
    applicationWindowMonths: num(f, 'applicationWindowMonths') ?? 6,
    applicationFeeCents:
      str(f, 'applicationFee').trim() === ''
        ? undefined
        : (parseMajorAmount(str(f, 'applicationFee'), feeCurrency(f)) ?? Number.NaN),
    applicationFeeCurrency: str(f, 'applicationFeeCurrency').trim() || 'USD',
    earningMode,
    passingScore: earningMode === 'assessment' ? str(f, 'passingScore') : '',
    ...languageEditionFromForm(f),
  };
}

/** The form's field values for a design (what the page shows when editing). */
export function formFromDesign(d: Design): Record<string, string> {
  const v: Record<string, string> = {
    title: d.title,
    competency: d.competency,
    description: d.description,
    keyMethod: d.keyMethod,
    criteria: d.criteria,
    effortHours: d.effortHours?.toString() ?? '',
    creditHours: d.creditHours?.toString() ?? '',
    achievementType: d.achievementType,
    tags: d.tags.join(', '),
    alignments: d.alignments.map((a) => [a.name, a.url, a.code ?? ''].join(' | ')).join('\n'),
    validityMonths: d.validityMonths?.toString() ?? '',
    applicationWindowMonths: String(d.applicationWindowMonths),
    applicationFee:
      d.applicationFeeCents === undefined
        ? ''
        : formatMoney(d.applicationFeeCents, d.applicationFeeCurrency).split(' ')[1]!,
    applicationFeeCurrency: d.applicationFeeCurrency,
    earningMode: d.earningMode,
    passingScore: d.passingScore?.toString() ?? '',
    levels: d.rubric?.levels.map((l) => l.name).join(', ') ?? 'Beginning, Developing, Proficient',
    pass_rule: d.rubric?.passRule.type ?? 'all',
    pass_count: d.rubric?.passRule.type === 'minimum' ? String(d.rubric.passRule.count) : '',
    ...languageEditionFormValues(d),
  };
  d.evidenceParts.forEach((p, i) => {
    v[`ev_prompt_${i}`] = p.prompt;
    v[`ev_kind_${i}`] = p.kind;
    v[`ev_words_${i}`] = p.maxWords?.toString() ?? '';
    v[`ev_size_${i}`] = p.maxSizeMb?.toString() ?? '';
    v[`ev_required_${i}`] = p.required ? 'on' : '';
  });
  d.rubric?.criteria.forEach((cr, i) => {
    v[`cr_name_${i}`] = cr.name;
    d.rubric!.levels.forEach((l, j) => (v[`cr_desc_${i}_${j}`] = cr.descriptors[l.id] ?? ''));
    v[`cr_pass_${i}`] = String(
      Math.max(
        0,
        d.rubric!.levels.findIndex((l) => l.id === cr.passingLevel),
      ),
    );
  });
  return v;
}
