import type { Context } from 'hono';
import { z } from 'zod';
import { publicIdParam, slugParam } from '../../../http/params.ts';
import { requireViewer } from '../../../http/middleware/session.ts';
import type { AppEnv } from '../../../http/env.ts';
import type { Actor } from '../../../domain/commands.ts';
import { TableHead } from '../../../web/forms.tsx';
import { useT } from '../../../web/i18n/context.ts';
import type { Translator } from '../../../web/i18n/i18n.ts';
import { recognitionPaths } from '../../recognition/index.ts';
import { ledgerPaths, outsidePaths } from '../paths.ts';
import type { LicenseView } from '../queries/creditLedger.ts';

export type C = Context<AppEnv>;
export const actorOf = (c: C): Actor => ({ userId: requireViewer(c.var.viewer).user_id, ip: c.var.ip });
/** Path parameters of the recognizer's pages: the organisation, and one of its things. */
export const orgParams = z.object({ slug: slugParam });
export const orgItemParams = z.object({ slug: slugParam, id: publicIdParam });

/** A calendar day (a Date, or a 'YYYY-MM-DD' as the ledger keeps cycle starts) written the reader's way. */
export const day = (i18n: Pick<Translator, 'date'>, d: Date | string) =>
  i18n.date(typeof d === 'string' ? new Date(`${d}T00:00:00Z`) : d);
/** Hours of credit ("0.5 h"), up to two decimals, written the reader's way. */
export const hours = (i18n: Pick<Translator, 't' | 'number'>, n: number) =>
  i18n.t('credit.hours', { hours: i18n.number(n, { maximumFractionDigits: 2 }) });

/** A license record's state, in words. */
export function LicenseState({ state }: { state: LicenseView['state'] }) {
  const { t } = useT();
  return <span class="tag">{t(`credit.states.${state}`)}</span>;
}

export function RecognitionNav({ slug }: { slug: string }) {
  const { t } = useT();
  return (
    <p>
      <a href={ledgerPaths.notices(slug)}>{t('credit.nav.notices')}</a> ·{' '}
      <a href={ledgerPaths.licenses(slug)}>{t('credit.nav.licenses')}</a> ·{' '}
      <a href={ledgerPaths.roster(slug)}>{t('credit.nav.roster')}</a> ·{' '}
      <a href={recognitionPaths.programs(slug)}>{t('credit.nav.programs')}</a> ·{' '}
      <a href={recognitionPaths.queue(slug)}>{t('credit.nav.queue')}</a>
    </p>
  );
}

export function Progress({ license }: { license: LicenseView }) {
  const i18n = useT();
  const { t } = i18n;
  const p = license.progress;
  const cycle = { start: day(i18n, p.cycle.start), last: day(i18n, p.cycle.last) };
  return (
    <p>
      {t('credit.progress.cycle', cycle)} <strong>{hours(i18n, p.earned)}</strong>{' '}
      {t('credit.progress.of', { required: hours(i18n, p.required) })}
      <progress
        value={Math.max(0, p.earned)}
        max={p.required || 1}
        aria-label={t('credit.progress.label', { license: license.program.licenseName })}
        class="ms-2"
      />{' '}
      {p.met ? t('credit.progress.met') : t('credit.progress.toGo', { hours: hours(i18n, p.shortfall) })}
    </p>
  );
}

type Entry = LicenseView['entries'][number];

/** What an entry is and who posted it (or that a rule did), then its reason. */
function EntryWords({ entry: e }: { entry: Entry }) {
  const { t } = useT();
  const kind = e.kind === 'credit' ? 'credit' : 'reversal';
  return (
    <>
      {e.postedBy
        ? t(`credit.entries.${kind}PostedBy`, { name: e.postedBy })
        : t(`credit.entries.${kind}ByRule`)}
      {e.reason ? `. ${e.reason}` : ''}
    </>
  );
}

export function Entries({ license }: { license: LicenseView }) {
  const i18n = useT();
  const { t } = i18n;
  if (license.entries.length === 0) return <p class="muted">{t('credit.entries.none')}</p>;
  const columns = ['date', 'credential', 'issuer', 'cycle', 'hours', 'entry'] as const;
  return (
    <table>
      <caption>{t('credit.entries.caption')}</caption>
      <TableHead columns={columns.map((c) => t(`credit.entries.columns.${c}`))} />
      <tbody>
        {license.entries.map((e) => (
          <tr>
            <td>{day(i18n, e.createdAt)}</td>
            <td>
              <a href={outsidePaths.badge(e.credentialPublicId)}>{e.credentialName}</a>
              {e.revoked && <span class="tag">{t('credit.entries.revoked')}</span>}
            </td>
            <td>{e.issuerName}</td>
            <td>{day(i18n, e.cycleStart)}</td>
            <td>{hours(i18n, e.hours)}</td>
            <td>
              <EntryWords entry={e} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
