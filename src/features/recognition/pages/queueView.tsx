import { useT } from '../../../web/i18n/context.ts';
import { recognitionPaths } from '../paths.ts';
import type { IssuerSubmissionsModel, QueueModel } from './queueLoader.ts';
import { STATUSES, SubmissionsTable } from './recognitionParts.tsx';

export function QueueView({ organisation, status, rows }: QueueModel) {
  const { t } = useT();
  return (
    <>
      <h1>{t('recognition.queue.heading', { organisation: organisation.name })}</h1>
      <p>
        <a href={recognitionPaths.programs(organisation.slug)}>{t('recognition.queue.programsLink')}</a>
      </p>
      <form method="get" class="card">
        <label for="f-status">{t('recognition.queue.status')}</label>{' '}
        <select id="f-status" name="status">
          <option value="open" selected={status === 'open'}>
            {t('recognition.queue.open')}
          </option>
          {STATUSES.map((s) => (
            <option value={s} selected={status === s}>
              {t(`recognition.status.${s}`)}
            </option>
          ))}
          <option value="all" selected={status === null}>
            {t('recognition.queue.all')}
          </option>
        </select>{' '}
        <button type="submit" class="secondary">
          {t('recognition.queue.filter')}
        </button>
      </form>
      <SubmissionsTable rows={rows} slug={organisation.slug} side="recognizer" />
    </>
  );
}

export function IssuerSubmissionsView({ organisation, rows }: IssuerSubmissionsModel) {
  const { t } = useT();
  return (
    <>
      <h1>{t('recognition.submissions.heading', { organisation: organisation.name })}</h1>
      <p>
        <a class="button" href={recognitionPaths.submit(organisation.slug)}>
          {t('recognition.submissions.submit')}
        </a>
      </p>
      <SubmissionsTable rows={rows} slug={organisation.slug} side="issuer" />
    </>
  );
}
