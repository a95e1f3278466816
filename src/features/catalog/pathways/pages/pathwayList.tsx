import type { Db } from '../../../../storage/database.ts';
import { TableHead } from '../../../../web/forms.tsx';
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
  return (
    <>
      <p class="muted">
        <a href={model.designsHref}>Micro-credentials</a>
      </p>
      <h1>Pathways of {model.organisation.name}</h1>
      <p>
        A pathway is a sequence of micro-credentials that builds toward a larger credential. Earners who
        complete it receive that credential automatically.
      </p>
      <p>
        <a class="button" href={model.newHref}>
          New pathway
        </a>
      </p>
      {model.pathways.length === 0 ? (
        <p>No pathways yet.</p>
      ) : (
        <table>
          <TableHead columns={['Pathway', 'Steps', 'Earners see']} />
          <tbody>
            {model.pathways.map((p) => (
              <tr>
                <td>
                  <a href={p.editHref}>{p.name}</a>
                </td>
                <td>{p.steps}</td>
                <td>
                  <a href={p.publicHref}>Pathway page</a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
