import { notFound } from '../../../../domain/errors.ts';
import { PathwayMap } from '../../../../web/components/PathwayMap.tsx';
import type { Db } from '../../../../storage/database.ts';
import { catalogEntryPath, pathwayPath } from '../../paths.ts';
import { evaluate, type Requirement } from '../pathway.ts';
import { holdings } from '../pathwayProgress.ts';
import { confirmedEmails, findPathway, listPathways, microCredentialNames } from '../queries.ts';

export type ProgressNode =
  | { kind: 'microCredential'; title: string; held: boolean; earnedOn: string | null; href: string | null }
  | { kind: 'group'; label: string; satisfied: boolean; ordered?: boolean; items: ProgressNode[] };

export interface PathwayPageModel {
  pathway: {
    publicId: string;
    name: string;
    description: string;
    organisation: string;
    achievementType: string;
  };
  /** Null for visitors who are not logged in. */
  progress: { done: number; needed: number; satisfied: boolean } | null;
  requirement: ProgressNode;
  /** The badges the person holds that count. */
  have: Array<{ title: string; earnedOn: string }>;
  /** What is still missing, each with where to apply. */
  missing: Array<{ title: string; href: string | null }>;
  loginHref: string;
}

const day = (d: Date) => d.toISOString().slice(0, 10);

/** Every micro-credential a requirement names, through the pathways it includes (each pathway once). */
function microCredentialIdsIn(requirement: Requirement, byId: Map<string, Requirement>, rootId: string) {
  const ids = new Set<string>();
  const collect = (r: Requirement, seen: Set<string>) => {
    if (r.type === 'microCredential') ids.add(r.id);
    else if (r.type === 'pathway') {
      const inner = byId.get(r.id);
      if (inner && !seen.has(r.id)) collect(inner, new Set([...seen, r.id]));
    } else r.items.forEach((i) => collect(i, seen));
  };
  collect(requirement, new Set([rootId]));
  return ids;
}

/** How a group of requirements reads on the page. */
function groupLabel(r: Extract<Requirement, { type: 'all' | 'some' | 'ordered' }>) {
  return r.type === 'some'
    ? `Any ${r.count} of these`
    : r.type === 'ordered'
      ? 'All of these, in this order'
      : 'All of these';
}

/** A pathway's page: its requirement, and for a logged-in earner which badges they have and which are missing. */
export async function loadPathwayPage(
  db: Db,
  userId: number | null,
  pathwayId: string,
): Promise<PathwayPageModel> {
  const pathway = await findPathway(db, pathwayId);
  if (!pathway) throw notFound('pathway');
  const pathways = await listPathways(db, pathway.organisation_id);
  const byId = new Map(pathways.map((p) => [p.public_id, p.requirement]));
  const names = new Map(pathways.map((p) => [p.public_id, p.name]));
  const mcIds = microCredentialIdsIn(pathway.requirement, byId, pathway.public_id);
  const mcs = await microCredentialNames(db, pathway.organisation_id, [...mcIds]);
  const held =
    userId === null
      ? new Map<string, Date>()
      : await holdings(db, pathway.organisation_id, await confirmedEmails(db, userId));
  const have = new Map<string, { title: string; earnedOn: string }>();
  const missing = new Map<string, { title: string; href: string | null }>();

  const node = (r: Requirement, seen: Set<string>, needed: boolean): ProgressNode => {
    if (r.type === 'microCredential') {
      const mc = mcs.get(r.id);
      const title = mc?.title ?? 'A micro-credential no longer offered';
      const href = mc?.inCatalog ? catalogEntryPath(pathway.organisation_slug, mc.slug) : null;
      const at = held.get(r.id) ?? null;
      if (at) have.set(r.id, { title, earnedOn: day(at) });
      else if (needed) missing.set(r.id, { title, href });
      return { kind: 'microCredential', title, held: at !== null, earnedOn: at ? day(at) : null, href };
    }
    const satisfied = evaluate(r, held, byId, seen).satisfied;
    if (r.type === 'pathway') {
      const inner = byId.get(r.id);
      const label = `The pathway “${names.get(r.id) ?? 'no longer offered'}”`;
      if (!inner || seen.has(r.id)) return { kind: 'group', label, satisfied: false, items: [] };
      return {
        kind: 'group',
        label,
        satisfied,
        items: [node(inner, new Set([...seen, r.id]), needed && !satisfied)],
      };
    }
    return {
      kind: 'group',
      label: groupLabel(r),
      satisfied,
      ordered: r.type === 'ordered',
      items: r.items.map((i) => node(i, seen, needed && !satisfied)),
    };
  };
  const seen = new Set([pathway.public_id]);
  const requirement = node(pathway.requirement, seen, true);
  const progress = evaluate(pathway.requirement, held, byId, seen);
  return {
    pathway: {
      publicId: pathway.public_id,
      name: pathway.name,
      description: pathway.description,
      organisation: pathway.organisation_name,
      achievementType: pathway.achievement_type.replace(/([a-z])([A-Z])/g, '$1 $2'),
    },
    progress:
      userId === null
        ? null
        : { done: progress.done, needed: progress.needed, satisfied: progress.satisfied },
    requirement,
    have: [...have.values()],
    missing: [...missing.values()],
    loginHref: `/login?next=${encodeURIComponent(pathwayPath(pathway.public_id))}`,
  };
}

export function PathwayPageView({ model }: { model: PathwayPageModel }) {
  const { progress } = model;
  return (
    <>
      <p class="muted">A pathway of {model.pathway.organisation}</p>
      <h1>{model.pathway.name}</h1>
      {model.pathway.description && <p>{model.pathway.description}</p>}
      <p>Completing it earns a {model.pathway.achievementType.toLowerCase()}, issued automatically.</p>
      {progress ? (
        <section class="card" aria-labelledby="progress-heading">
          <h2 id="progress-heading">Your progress</h2>
          <p>
            {progress.satisfied
              ? 'Complete: you have everything this pathway needs.'
              : `${progress.done} of ${progress.needed} done.`}
          </p>
          <h3>Badges you have</h3>
          {model.have.length === 0 ? (
            <p>None of this pathway’s badges yet.</p>
          ) : (
            <ul>
              {model.have.map((h) => (
                <li>
                  {h.title} (earned {h.earnedOn})
                </li>
              ))}
            </ul>
          )}
          {!progress.satisfied && (
            <>
              <h3>Still missing</h3>
              <ul>
                {model.missing.map((m) => (
                  <li>
                    {m.title}
                    {m.href ? (
                      <>
                        {' — '}
                        <a href={m.href}>Apply for {m.title}</a>
                      </>
                    ) : (
                      ' — not offered at the moment'
                    )}
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      ) : (
        <p>
          <a href={model.loginHref}>Log in</a> to see which of these badges you have.
        </p>
      )}
      <section class="card" aria-labelledby="takes-heading">
        <h2 id="takes-heading">What it takes</h2>
        <PathwayMap
          id="pathway-map"
          name={model.pathway.name}
          root={model.requirement}
          signedIn={progress !== null}
        />
      </section>
    </>
  );
}
