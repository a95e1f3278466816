import type { Db } from '../../../../storage/database.ts';
import { TableHead } from '../../../../web/forms.tsx';
import { useT } from '../../../../web/i18n/context.ts';
import { requireMember } from '../../../accounts/index.ts';
import { designsPath, editPathwayPath, newPathwayPath, pathwayPath } from '../../paths.ts';
import { listPathways } from '../queries.ts';

export interface PathwayListModel {
  organisation: { slug: string; name: string };
  designsHref: string;
  pathways: Array<{ name: string; editHref: string; publicHref: string; steps: number }>;
  newHref: string;
}

export async function loadPathwayList(db: Db, userId: number, orgSlug: string): Promise<PathwayListModel> {
  const { organisation } = await requireMember(db, orgSlug, userId, 'catalog.design');
  const rows = await listPathways(db, organisation.id);
  return {
    organisation: { slug: organisation.slug, name: organisation.name },
    designsHref: designsPath(organisation.slug),
    pathways: rows.map((p) => ({
      name: p.name,
      editHref: editPathwayPath(organisation.slug, p.public_id),
      publicHref: pathwayPath(p.public_id),
      steps: 'items' in p.requirement && p.requirement.type !== 'some' ? p.requirement.items.length : 1,
    })),
    newHref: newPathwayPath(organisation.slug),
  };
}

export function PathwayListView({ model }: { model: PathwayListModel }) {
  const { t, number } = useT();
  return (
    <>
      <p class="muted">
        <a href={model.designsHref}>{t('catalog.pathways.list.microCredentials')}</a>
      </p>
      <h1>{t('catalog.pathways.list.heading', { organisation: model.organisation.name })}</h1>
      <p>{t('catalog.pathways.list.intro')}</p>
      <p>
        <a class="button" href={model.newHref}>
          {t('catalog.pathways.list.new')}
        </a>
      </p>
      {model.pathways.length === 0 ? (
        <p>{t('catalog.pathways.list.none')}</p>
      ) : (
        <table>
          <TableHead
            columns={[
              t('catalog.pathways.list.columns.pathway'),
              t('catalog.pathways.list.columns.steps'),
              t('catalog.pathways.list.columns.earnersSee'),
            ]}
          />
          <tbody>
            {model.pathways.map((p) => (
              <tr>
                <td>
                  <a href={p.editHref}>{p.name}</a>
                </td>
                <td>{number(p.steps)}</td>
                <td>
                  <a href={p.publicHref}>{t('catalog.pathways.list.page')}</a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
