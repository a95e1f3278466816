import { z } from 'zod';
import { catalogMessage } from './messages.ts';
import { contentLanguageSchema, spanishEditionSchema } from './languageEditions.ts';

/** The OB 3.0 AchievementType vocabulary (extensions are written `ext:Name`). */
export const ACHIEVEMENT_TYPES = [
  'Achievement',
  'ApprenticeshipCertificate',
  'Assessment',
  'Assignment',
  'AssociateDegree',
  'Award',
  'Badge',
  'BachelorDegree',
  'Certificate',
  'CertificateOfCompletion',
  'Certification',
  'CommunityService',
  'Competency',
  'Course',
  'CoCurricular',
  'Degree',
  'Diploma',
  'DoctoralDegree',
  'Fieldwork',
  'GeneralEducationDevelopment',
  'JourneymanCertificate',
  'LearningProgram',
  'License',
  'Membership',
  'ProfessionalDoctorate',
  'QualityAssuranceCredential',
  'MasterCertificate',
  'MasterDegree',
  'MicroCredential',
  'ResearchDoctorate',
  'SecondarySchoolDiploma',
] as const;

export const EARNING_MODES = [
  'reviewed_evidence',
  'assessment',
  'attendance',
  'course_completion',
  'proof_of_completion',
] as const;

const id = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9-]{0,40}$/, catalogMessage('idFormat'));

export const evidencePartSchema = z.object({
  prompt: z.string().trim().min(1, catalogMessage('writePrompt')).max(2000),
  kind: z.enum(['text', 'file', 'link'], { message: catalogMessage('chooseKind') }),
  maxWords: z.number().int().positive().max(20000).optional(),
  maxSizeMb: z.number().positive().max(500).optional(),
  required: z.boolean().default(true),
});

export const rubricSchema = z
  .object({
    levels: z
      .array(z.object({ id, name: z.string().trim().min(1).max(100) }))
      .min(2, catalogMessage('twoLevels'))
      .max(6),
    criteria: z
      .array(
        z.object({
          id,
          name: z.string().trim().min(1).max(300),
          descriptors: z.record(z.string(), z.string().trim().min(1).max(2000)),
          passingLevel: id,
        }),
      )
      .min(1, catalogMessage('oneCriterion'))
      .max(20),
    passRule: z.discriminatedUnion('type', [
      z.object({ type: z.literal('all') }),
      z.object({ type: z.literal('minimum'), count: z.number().int().positive() }),
    ]),
  })
  .superRefine((r, ctx) => {
    const levels = r.levels.map((l) => l.id);
    if (new Set(levels).size !== levels.length)
      ctx.addIssue({ code: 'custom', message: catalogMessage('uniqueLevels'), path: ['levels'] });
    r.criteria.forEach((c, i) => {
      if (!levels.includes(c.passingLevel))
        ctx.addIssue({
          code: 'custom',
          message: catalogMessage('unknownLevel', { name: c.name }),
          path: ['criteria', i, 'passingLevel'],
        });
      const missing = levels.filter((l) => !c.descriptors[l]);
      if (missing.length)
        ctx.addIssue({
          code: 'custom',
          message: catalogMessage('missingDescriptors', { name: c.name, levels: missing.join(', ') }),
          path: ['criteria', i, 'descriptors'],
        });
    });
    if (r.passRule.type === 'minimum' && r.passRule.count > r.criteria.length)
      ctx.addIssue({
        code: 'custom',
        message: catalogMessage('passRuleTooMany'),
        path: ['passRule'],
      });
  });

export type Rubric = z.infer<typeof rubricSchema>;

/** The one evidence part of a proof-of-completion application: the certificate (its design's own parts do not apply). */
export const CERTIFICATE_PART = {
  prompt: 'Certificate of completion',
  kind: 'file' as const,
  maxSizeMb: 10,
  required: true,
};

/** Whether scores (criterion id → level id) pass: each criterion at or above its passing level, combined by the pass rule. */
export function rubricPasses(rubric: Rubric, scores: Record<string, string>): boolean {
  const rank = (level: string) => rubric.levels.findIndex((l) => l.id === level);
  const passed = rubric.criteria.filter(
    (c) =>
      scores[c.id] !== undefined && rank(scores[c.id]!) >= rank(c.passingLevel) && rank(scores[c.id]!) >= 0,
  ).length;
  return rubric.passRule.type === 'all' ? passed === rubric.criteria.length : passed >= rubric.passRule.count;
}

/** A three-letter ISO 4217 code this runtime can format (Intl knows every active currency). */
export function isCurrency(code: string): boolean {
  return /^[A-Z]{3}$/.test(code) && Intl.supportedValuesOf('currency').includes(code);
}

const optionalNumber = (schema: z.ZodNumber) =>
  z.preprocess(
    (v) => (v === '' || v === null ? undefined : typeof v === 'string' ? Number(v) : v),
    schema.optional(),
  );

/** Everything a designer writes about a micro-credential; drafts may be incomplete. */
export const designSchema = z.object({
  title: z.string().trim().min(3, catalogMessage('titleShort')).max(200),
  competency: z.string().trim().max(1000).default(''),
  description: z.string().trim().max(10000).default(''),
  keyMethod: z.string().trim().max(2000).default(''),
  criteria: z.string().trim().max(10000).default(''),
  evidenceParts: z.array(evidencePartSchema).max(20).default([]),
  rubric: rubricSchema.optional(),
  effortHours: optionalNumber(z.number().positive(catalogMessage('effortPositive')).max(2000)),
  creditHours: optionalNumber(z.number().nonnegative().max(1000)),
  achievementType: z
    .union([
      z.enum(ACHIEVEMENT_TYPES),
      z.string().regex(/^ext:[A-Za-z][A-Za-z0-9]*$/, catalogMessage('achievementType')),
    ])
    .default('MicroCredential'),
  tags: z.array(z.string().trim().min(1).max(60)).max(30).default([]),
  alignments: z
    .array(
      z.object({
        name: z.string().trim().min(1).max(300),
        url: z.string().url(catalogMessage('alignmentUrl')),
        code: z.string().trim().max(100).optional(),
      }),
    )
    .max(30)
    .default([]),
  validityMonths: optionalNumber(z.number().int().positive().max(600)),
  applicationWindowMonths: z.number().int().positive().max(60).default(6),
  applicationFeeCents: optionalNumber(
    z
      .number({ message: catalogMessage('feeNumber') })
      .int(catalogMessage('feeWhole'))
      .nonnegative(catalogMessage('feeNegative'))
      .max(10_000_000, catalogMessage('feeLarge')),
  ),
  /** ISO 4217 currency of the fee (USD, EUR, GBP …). */
  applicationFeeCurrency: z
    .string()
    .trim()
    .toUpperCase()
    .refine(isCurrency, catalogMessage('currency'))
    .default('USD'),
  earningMode: z.enum(EARNING_MODES).default('reviewed_evidence'),
  /** Assessment mode: the lowest passing score (0–100). */
  passingScore: optionalNumber(z.number().min(0).max(100)),
  /** The language the issuer writes in (BCP 47; absent: English) and an optional Spanish edition (issue 14). */
  inLanguage: contentLanguageSchema,
  spanishEdition: spanishEditionSchema.optional(),
});

export type Design = z.infer<typeof designSchema>;

/** What publishing requires beyond a valid draft; returns field → message. */
export function publishProblems(d: Design): Record<string, string> {
  const problems: Record<string, string> = {};
  if (!d.competency) problems.competency = catalogMessage('stateCompetency');
  if (!d.description) problems.description = catalogMessage('describe');
  if (!d.criteria) problems.criteria = catalogMessage('writeCriteria');
  if (d.earningMode === 'assessment' && d.passingScore === undefined)
    problems.passingScore = catalogMessage('passingScore');
  if (d.earningMode === 'proof_of_completion' && d.applicationFeeCents === undefined)
    problems.applicationFeeCents = catalogMessage('setFee');
  if (d.earningMode === 'reviewed_evidence') {
    if (!d.evidenceParts.some((p) => p.required)) problems.evidenceParts = catalogMessage('requiredPart');
    if (!d.rubric) problems.rubric = catalogMessage('needsRubric');
  }
  return problems;
}

/** The text full-text search indexes for a version. */
export function searchText(d: Design, extra: string[] = []): string {
  return [
    d.title,
    d.title,
    d.competency,
    d.description,
    d.keyMethod,
    d.criteria,
    d.tags.join(' '),
    d.alignments.map((a) => `${a.name} ${a.code ?? ''}`).join(' '),
    d.spanishEdition ? `${d.spanishEdition.name}\n${d.spanishEdition.description}` : '',
    ...extra,
  ].join('\n');
}
