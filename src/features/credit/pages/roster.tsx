import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../../../http/env.ts';
import type { Actor, CommandDeps } from '../../../domain/commands.ts';
import { routeParams } from '../../../http/params.ts';
import { TableHead } from '../../../web/forms.tsx';
import { page } from '../../../web/render.tsx';
import { useT } from '../../../web/i18n/context.ts';
import { requestTranslator } from '../../../web/preferences.ts';
import { requireRecognizer } from '../../recognition/index.ts';
import { ledgerPaths } from '../paths.ts';
import { recognizerRoster, rosterCsv, type RosterRow } from '../queries/creditLedger.ts';
import { recognizerPrograms } from '../queries/notices.ts';
import { actorOf, day, hours, orgParams, RecognitionNav, type C } from './ledgerParts.tsx';

const rosterQuery = z.object({
  program: z.preprocess((v) => v || undefined, z.string().optional()),
  short: z.preprocess((v) => v === '1', z.boolean()),
});
type RosterFilter = { program?: string; shortOnly: boolean };
const filterOf = (c: C): RosterFilter => {
  const q = rosterQuery.parse({ program: c.req.query('program'), short: c.req.query('short') });
  return { program: q.program, shortOnly: q.short };
};

export interface RosterModel {
  organisation: { name: string; slug: string };
  filter: RosterFilter;
  programs: Array<{ public_id: string; name: string }>;
  rows: RosterRow[];
}

/** A recognizer's license holders and their renewal progress, filtered (for its officers). */
export async function loadRoster(
  deps: Pick<CommandDeps, 'db' | 'clock'>,
  { actor, orgSlug, filter }: { actor: Actor; orgSlug: string; filter: RosterFilter },
): Promise<RosterModel> {
  const { db, clock } = deps;
  const organisation = await requireRecognizer(db, orgSlug, actor.userId, 'recognition.read');
  const [rows, programs] = await Promise.all([
    recognizerRoster(db, organisation.id, { now: clock.now(), ...filter }),
    recognizerPrograms(db, organisation.id),
  ]);
  return { organisation: { name: organisation.name, slug: organisation.slug }, filter, programs, rows };
}

function RosterFilterForm({ programs, filter }: Pick<RosterModel, 'programs' | 'filter'>) {
  const { t } = useT();
  return (
    <form method="get" class="card">
      <label for="f-program">{t('credit.roster.program')}</label>{' '}
      <select id="f-program" name="program">
        <option value="">{t('credit.roster.allPrograms')}</option>
        {programs.map((p) => (
          <option value={p.public_id} selected={p.public_id === filter.program}>
            {p.name}
          </option>
        ))}
      </select>{' '}
      <label>
        <input type="checkbox" name="short" value="1" checked={filter.shortOnly} />{' '}
        {t('credit.roster.shortOnly')}
      </label>{' '}
      <button type="submit" class="secondary">
        {t('credit.roster.filter')}
      </button>
    </form>
  );
}

const COLUMNS = ['name', 'license', 'program', 'cycle', 'earned', 'required', 'shortBy'] as const;

function RosterRowCells({ row }: { row: RosterRow }) {
  const i18n = useT();
  const label = (c: (typeof COLUMNS)[number]) => i18n.t(`credit.roster.columns.${c}`);
  return (
    <tr>
      <td data-label={label('name')}>{row.userName}</td>
      <td data-label={label('license')}>{row.licenseNumber}</td>
      <td data-label={label('program')}>{row.programName}</td>
      <td data-label={label('cycle')}>
        {day(i18n, row.cycleStart)} – {day(i18n, row.cycleEnd)}
      </td>
      <td data-label={label('earned')}>{hours(i18n, row.earned)}</td>
      <td data-label={label('required')}>{hours(i18n, row.required)}</td>
      <td data-label={label('shortBy')}>{row.shortfall > 0 ? hours(i18n, row.shortfall) : '—'}</td>
    </tr>
  );
}

export function RosterView({ organisation, filter, programs, rows }: RosterModel) {
  const { t } = useT();
  const query = new URLSearchParams({
    ...(filter.program ? { program: filter.program } : {}),
    ...(filter.shortOnly ? { short: '1' } : {}),
  }).toString();
  return (
    <>
      <h1>{t('credit.roster.heading', { organisation: organisation.name })}</h1>
      <RecognitionNav slug={organisation.slug} />
      <RosterFilterForm programs={programs} filter={filter} />
      <p>
        <a href={ledgerPaths.rosterCsv(organisation.slug, query)}>{t('credit.roster.csv')}</a>
      </p>
      <table class="stacking">
        <TableHead columns={COLUMNS.map((c) => t(`credit.roster.columns.${c}`))} />
        <tbody>
          {rows.map((row) => (
            <RosterRowCells row={row} />
          ))}
        </tbody>
      </table>
    </>
  );
}

/** The recognizer's roster of license holders and their renewal progress, as a page and as CSV. */
export function rosterRoutes() {
  const r = new Hono<AppEnv>();
  const model = (c: C) =>
    loadRoster(c.var.deps, {
      actor: actorOf(c),
      orgSlug: routeParams(c, orgParams).slug,
      filter: filterOf(c),
    });
  r.get(ledgerPaths.roster(':slug'), async (c) =>
    page(c, requestTranslator(c).t('credit.roster.title'), <RosterView {...await model(c)} />),
  );
  r.get(ledgerPaths.rosterCsv(':slug'), async (c) => {
    const { organisation, rows } = await model(c);
    return c.body(rosterCsv(rows), 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${organisation.slug}-roster.csv"`,
    });
  });
  return r;
}
