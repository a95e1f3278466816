import type { Db } from '../../../../storage/database.ts';
import { TableHead } from '../../../../web/forms.tsx';
import { useT } from '../../../../web/i18n/context.ts';
import { requireMember } from '../../../accounts/index.ts';
import { designPath, newDesignPath, pathwaysPath, stacksPath } from '../../paths.ts';
import { listForDesigner } from '../../queries/designs.ts';

export interface DesignListModel {
  organisationName: string;
  newHref: string;
  stacksHref: string;
  pathwaysHref: string;
  rows: Array<{ title: string; href: string; version: number; status: 'Draft' | 'Published' | 'Retired' }>;
}

/** The organisation's micro-credentials as designers see them: drafts and published versions. */
export async function loadDesignList(db: Db, userId: number, orgSlug: string): Promise<DesignListModel> {
  const { organisation } = await requireMember(db, orgSlug, userId, 'catalog.design');
  const rows = await listForDesigner(db, organisation.id);
  return {
    organisationName: organisation.name,
    newHref: newDesignPath(organisation.slug),
    stacksHref: stacksPath(organisation.slug),
    pathwaysHref: pathwaysPath(organisation.slug),
    rows: rows.map((m) => ({
      title: m.title,
      href: designPath(organisation.slug, m.public_id),
      version: m.version,
      status: m.retired_at ? 'Retired' : m.status === 'draft' ? 'Draft' : 'Published',
    })),
  };
}

export function DesignListView({ model }: { model: DesignListModel }) {
  const { t, number } = useT();
  return (
    <>
      <h1>{t('catalog.designer.list.heading', { organisation: model.organisationName })}</h1>
      <p>
        <a class="button" href={model.newHref}>
          {t('catalog.designer.list.new')}
        </a>{' '}
        <a href={model.stacksHref}>{t('catalog.designer.list.stacks')}</a>{' '}
        <a href={model.pathwaysHref}>{t('catalog.designer.list.pathways')}</a>
      </p>
      <table>
        <TableHead
          columns={[
            t('catalog.designer.list.columns.title'),
            t('catalog.designer.list.columns.version'),
            t('catalog.designer.list.columns.status'),
          ]}
        />
        <tbody>
          {model.rows.map((m) => (
            <tr>
              <td>
                <a href={m.href}>{m.title}</a>
              </td>
              <td>{number(m.version)}</td>
              <td>{t(`catalog.designer.list.status.${m.status}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
