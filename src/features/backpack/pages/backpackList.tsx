import type { Child } from 'hono/jsx';
import type { FormState } from '../../../web/forms.tsx';
import { useT } from '../../../web/i18n/context.ts';
import { CredentialInputForm } from '../../issuing/index.ts';
import { backpackPaths } from '../paths.ts';
import type { IssuedBadge } from '../queries/issuedBadges.ts';
import type { BackpackModel } from './backpackLoader.ts';
import { ImportedRow, IssuedRow, PendingRow } from './badgeRows.tsx';

function ImportForm({ form, csrf }: { form: FormState; csrf: string }) {
  const { t } = useT();
  return (
    <section class="card" aria-labelledby="h-import">
      <h2 id="h-import">{t('backpack.import.heading')}</h2>
      <p class="muted">{t('backpack.import.intro')}</p>
      <CredentialInputForm
        form={form}
        csrf={csrf}
        action={backpackPaths.importBadge}
        fileLabel={t('backpack.import.file')}
        urlLabel={t('backpack.import.url')}
        urlHint={t('backpack.import.urlHint')}
        submitLabel={t('backpack.import.submit')}
      />
    </section>
  );
}

function PendingSection({ pending, csrf }: { pending: IssuedBadge[]; csrf: string }) {
  const { t } = useT();
  if (!pending.length) return null;
  return (
    <section class="card" aria-labelledby="h-pending">
      <h2 id="h-pending">{t('backpack.pending.heading')}</h2>
      <ul class="plain-list">
        {pending.map((b) => (
          <PendingRow b={b} csrf={csrf} />
        ))}
      </ul>
    </section>
  );
}

function DeclinedSection({ declined }: { declined: IssuedBadge[] }) {
  const { t, date } = useT();
  if (!declined.length) return null;
  return (
    <section class="card" aria-labelledby="h-declined">
      <h2 id="h-declined">{t('backpack.declined.heading')}</h2>
      <ul>
        {declined.map((b) => (
          <li>
            {t('backpack.declined.row', { name: b.name, issuer: b.issuerName, date: date(b.issuedAt) })}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The backpack page; `otherBackpacks` is the connections section, rendered by ob3api. */
export function BackpackView({
  model,
  form,
  csrf,
  otherBackpacks,
}: {
  model: BackpackModel;
  form: FormState;
  csrf: string;
  otherBackpacks: Child;
}) {
  const { t } = useT();
  const { held, imported, collections } = model;
  const count = held.length + imported.length;
  return (
    <>
      <h1>{t('backpack.title')}</h1>
      <p>
        {t('backpack.intro')} <a href={backpackPaths.collections}>{t('backpack.collectionsLink')}</a>{' '}
        {t('backpack.collectionsCount', { count: collections.length })} ·{' '}
        <a href={backpackPaths.exportZip}>{t('backpack.exportZip')}</a>
      </p>
      <PendingSection pending={model.pending} csrf={csrf} />
      <section aria-labelledby="h-badges">
        <h2 id="h-badges">{t('backpack.badgesHeading', { count })}</h2>
        {count === 0 && <p class="muted">{t('backpack.empty')}</p>}
        <ul class="badge-cards roomy">
          {held.map((b) => (
            <IssuedRow b={b} csrf={csrf} collections={collections} />
          ))}
          {imported.map((b) => (
            <ImportedRow b={b} csrf={csrf} collections={collections} />
          ))}
        </ul>
      </section>
      <DeclinedSection declined={model.declined} />
      <ImportForm form={form} csrf={csrf} />
      {otherBackpacks}
    </>
  );
}
