import { Hono, type Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import { conflict, invalid, notFound } from '../../../domain/errors.ts';
import { designActionPath, designPath, versionToDesign } from '../../catalog/index.ts';
import { requireMember } from '../../accounts/index.ts';
import { recordOutcome } from '../commands/recordOutcome.ts';
import type { Db } from '../../../storage/database.ts';
import { requireViewer } from '../../../http/middleware/session.ts';
import type { AppEnv } from '../../../http/env.ts';
import { publicIdParam, routeParams, slugParam } from '../../../http/params.ts';
import { emptyForm, type FormState } from '../../../web/forms.tsx';
import type { Translator } from '../../../web/i18n/i18n.ts';
import { translateMessage } from '../../../web/i18n/commandMessages.ts';
import { requestTranslator } from '../../../web/preferences.ts';
import { formFields, handleForm, page, redirectWith } from '../../../web/render.tsx';
import { publishedVersion, recordedOutcomes } from './queries.ts';
import { OutcomesView, type EarningMode, type OutcomeResult, type OutcomesViewModel } from './views.tsx';

export type { OutcomesViewModel, RecordedOutcome } from './views.tsx';

/** The earning modes whose outcomes staff record (the others are earned by applying). */
export const RECORDED_MODES: ReadonlyArray<EarningMode> = ['assessment', 'attendance', 'course_completion'];
export const recordsOutcomes = (mode: EarningMode) => RECORDED_MODES.includes(mode);

/** An audit entry's recorded outcome: its score, or attendance, or a completed course. */
function outcomeResult(data: Record<string, unknown>): OutcomeResult {
  if (typeof data.score === 'number') return { kind: 'score', score: data.score };
  return data.mode === 'attendance' ? { kind: 'attended' } : { kind: 'completed' };
}

/** The outcomes page of one of the organisation's published micro-credentials (issuing staff and admins). */
export async function loadOutcomes(
  db: Db,
  userId: number,
  orgSlug: string,
  mcPublicId: string,
): Promise<OutcomesViewModel> {
  const { organisation } = await requireMember(db, orgSlug, userId, 'credentials.issue');
  const version = await publishedVersion(db, organisation.id, mcPublicId);
  if (!version) throw notFound('microCredential');
  const design = versionToDesign(version);
  const rows = await recordedOutcomes(db, organisation.id, mcPublicId);
  return {
    organisation: { slug: organisation.slug, name: organisation.name },
    microCredential: {
      publicId: mcPublicId,
      title: version.title,
      version: version.version,
      retired: version.retired_at !== null,
    },
    mode: design.earningMode,
    passingScore: design.passingScore ?? null,
    recordable: recordsOutcomes(design.earningMode),
    action: designActionPath(organisation.slug, mcPublicId, 'outcomes'),
    backHref: designPath(organisation.slug, mcPublicId),
    outcomes: rows.map((r) => ({
      at: r.created_at,
      email: typeof r.data.email === 'string' ? r.data.email : '',
      result: outcomeResult(r.data),
      issued: r.action === 'outcome.recorded',
      by: r.actor_name ?? null,
    })),
  };
}

type C = Context<AppEnv>;

/** What the page asks beyond the command: attendance must be "yes", and a date for attendance and completion. */
function checkPageFields(t: Translator['t'], mode: EarningMode, fields: Record<string, string | string[]>) {
  const problems: Record<string, string> = {};
  if (
    mode === 'assessment' &&
    typeof fields.score === 'string' &&
    fields.score.trim() !== '' &&
    !/^\d+(\.\d+)?$/.test(fields.score.trim())
  )
    problems.score = t('earning.outcomes.errors.scoreNumber');
  if (mode === 'attendance' && fields.attended !== 'yes')
    problems.attended = t('earning.outcomes.errors.attendedOnly');
  if (mode !== 'assessment' && (typeof fields.completedOn !== 'string' || fields.completedOn.trim() === ''))
    problems.completedOn =
      mode === 'attendance'
        ? t('earning.outcomes.errors.dateAttended')
        : t('earning.outcomes.errors.dateCompleted');
  if (Object.keys(problems).length) throw invalid(problems);
}

const outcomeParams = z.object({ slug: slugParam, id: publicIdParam });

/** `/orgs/:slug/micro-credentials/:id/outcomes`: staff record assessment scores, attendance and course completions. */
export function outcomeRoutes() {
  const r = new Hono<AppEnv>();
  const load = (c: C) => {
    const userId = requireViewer(c.var.viewer).user_id;
    const { slug, id } = routeParams(c, outcomeParams);
    return loadOutcomes(c.var.deps.db, userId, slug, id);
  };
  const show = async (c: C, form: FormState, status: ContentfulStatusCode = 200) => {
    const model = await load(c);
    return page(
      c,
      requestTranslator(c).t('earning.outcomes.title', { title: model.microCredential.title }),
      <OutcomesView model={model} form={form} csrfToken={c.var.csrfToken} />,
      status,
    );
  };
  r.get('/orgs/:slug/micro-credentials/:id/outcomes', (c) => show(c, emptyForm));
  r.post('/orgs/:slug/micro-credentials/:id/outcomes', async (c) => {
    const userId = requireViewer(c.var.viewer).user_id;
    const model = await load(c);
    const fields = await formFields(c);
    const i18n = requestTranslator(c);
    const { t } = i18n;
    return handleForm(
      c,
      fields,
      async () => {
        if (!model.recordable || model.microCredential.retired)
          throw conflict(t('earning.outcomes.errors.cannotRecord'));
        checkPageFields(t, model.mode, fields);
        const input = {
          email: fields.email,
          score: fields.score,
          completedOn:
            typeof fields.completedOn === 'string' ? fields.completedOn.trim() || undefined : undefined,
        };
        const result = await recordOutcome(c.var.deps, {
          ...input,
          actor: { userId, ip: c.var.ip },
          orgSlug: model.organisation.slug,
          microCredential: model.microCredential.publicId,
        });
        const email = String(fields.email);
        if ('issued' in result && result.issued === false)
          return redirectWith(
            c,
            model.action,
            'info',
            t('earning.outcomes.flash.notIssued', { email, reason: translateMessage(i18n, result.reason) }),
          );
        return redirectWith(c, model.action, 'success', t('earning.outcomes.flash.issued', { email }));
      },
      (form, status) => show(c, form, status),
    );
  });
  return r;
}
