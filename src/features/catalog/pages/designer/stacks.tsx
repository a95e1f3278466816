import type { Db } from '../../../../storage/database.ts';
import { ActionButton, CsrfField, ErrorSummary, Field, type FormState } from '../../../../web/forms.tsx';
import { useT } from '../../../../web/i18n/context.ts';
import { requireMember } from '../../../accounts/index.ts';
import { catalogOfStackPath, deleteStackPath, stacksPath } from '../../paths.ts';
import { listStacks, stackChoices } from '../../queries/stacks.ts';

export interface StacksModel {
  organisationName: string;
  stacks: Array<{ name: string; description: string; catalogHref: string; deleteAction: string }>;
  /** What a new stack may hold. */
  choices: Array<{ publicId: string; title: string }>;
  createAction: string;
}

/** The organisation's stacks, and what a new one may hold. */
export async function loadStacks(db: Db, userId: number, orgSlug: string): Promise<StacksModel> {
  const { organisation } = await requireMember(db, orgSlug, userId, 'catalog.design');
  const [stacks, choices] = await Promise.all([
    listStacks(db, organisation.id),
    stackChoices(db, organisation.id),
  ]);
  return {
    organisationName: organisation.name,
    stacks: stacks.map((s) => ({
      name: s.name,
      description: s.description,
      catalogHref: catalogOfStackPath(s.slug),
      deleteAction: deleteStackPath(organisation.slug, s.public_id),
    })),
    choices: choices.map((m) => ({ publicId: m.public_id, title: m.title })),
    createAction: stacksPath(organisation.slug),
  };
}

export function StacksView({
  model,
  form,
  csrfToken,
}: {
  model: StacksModel;
  form: FormState;
  csrfToken: string;
}) {
  const { t } = useT();
  return (
    <>
      <h1>{t('catalog.stacks.heading', { organisation: model.organisationName })}</h1>
      <ul>
        {model.stacks.map((s) => (
          <li>
            <a href={s.catalogHref}>{s.name}</a> — {s.description}{' '}
            <ActionButton
              action={s.deleteAction}
              csrfToken={csrfToken}
              label={t('catalog.stacks.remove', { name: s.name })}
              variant="danger"
            />
          </li>
        ))}
      </ul>
      <section class="card">
        <h2>{t('catalog.stacks.newStack')}</h2>
        <ErrorSummary form={form} />
        <form method="post" action={model.createAction} class="stack" novalidate>
          <CsrfField token={csrfToken} />
          <Field form={form} name="name" label={t('catalog.stacks.name')} required />
          <Field form={form} name="description" label={t('catalog.stacks.description')} />
          <fieldset class="checks">
            <legend>{t('catalog.stacks.members')}</legend>
            {model.choices.map((m) => (
              <label for={`mc-${m.publicId}`}>
                <input id={`mc-${m.publicId}`} type="checkbox" name="microCredentials" value={m.publicId} />{' '}
                {m.title}
              </label>
            ))}
          </fieldset>
          <button type="submit">{t('catalog.stacks.create')}</button>
        </form>
      </section>
    </>
  );
}
