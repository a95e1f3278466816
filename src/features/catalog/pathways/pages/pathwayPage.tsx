import { notFound } from '../../../../domain/errors.ts';
import { PathwayMap, type MapNode } from '../../../../web/components/PathwayMap.tsx';
import { useT } from '../../../../web/i18n/context.ts';
import type { Translator } from '../../../../web/i18n/i18n.ts';
import type { Db } from '../../../../storage/database.ts';
import { catalogEntryPath, logInThenPath, pathwayPath } from '../../paths.ts';
import { ACHIEVEMENT_TYPES } from '../../microCredential.ts';
import { evaluate, type Requirement } from '../pathway.ts';
import { holdings } from '../pathwayProgress.ts';
import { confirmedEmails, findPathway, listPathways, microCredentialNames } from '../queries.ts';

/** What a group of the requirement is: any N of, all of, all of in order, or another pathway (null: gone). */
export type GroupLabel =
  | { kind: 'some'; count: number }
  | { kind: 'all' }
  | { kind: 'ordered' }
  | { kind: 'pathway'; name: string | null };

/** The requirement as the page shows it; a title null is a micro-credential no longer offered. */
export type ProgressNode =
  | {
      kind: 'microCredential';
      title: string | null;
      held: boolean;
      earnedOn: string | null;
      href: string | null;
    }
  | { kind: 'group'; label: GroupLabel; satisfied: boolean; ordered?: boolean; items: ProgressNode[] };

export interface PathwayPageModel {
  pathway: {
    publicId: string;
    name: string;
    description: string;
    organisation: string;
    /** The OB 3.0 type of the credential it awards (e.g. Certificate). */
    achievementType: string;
  };
  /** Null for visitors who are not logged in. */
  progress: { done: number; needed: number; satisfied: boolean } | null;
  requirement: ProgressNode;
  /** The badges the person holds that count. */
  have: Array<{ title: string | null; earnedOn: Date }>;
  /** What is still missing, each with where to apply. */
  missing: Array<{ title: string | null; href: string | null }>;
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

/** What a group of requirements is. */
function groupLabel(r: Extract<Requirement, { type: 'all' | 'some' | 'ordered' }>): GroupLabel {
  return r.type === 'some' ? { kind: 'some', count: r.count } : { kind: r.type };
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
  const have = new Map<string, { title: string | null; earnedOn: Date }>();
  const missing = new Map<string, { title: string | null; href: string | null }>();

  const node = (r: Requirement, seen: Set<string>, needed: boolean): ProgressNode => {
    if (r.type === 'microCredential') {
      const mc = mcs.get(r.id);
      const title = mc?.title ?? null;
      const href = mc?.inCatalog ? catalogEntryPath(pathway.organisation_slug, mc.slug) : null;
      const at = held.get(r.id) ?? null;
      if (at) have.set(r.id, { title, earnedOn: at });
      else if (needed) missing.set(r.id, { title, href });
      return { kind: 'microCredential', title, held: at !== null, earnedOn: at ? day(at) : null, href };
    }
    const satisfied = evaluate(r, held, byId, seen).satisfied;
    if (r.type === 'pathway') {
      const inner = byId.get(r.id);
      const label: GroupLabel = { kind: 'pathway', name: names.get(r.id) ?? null };
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
      achievementType: pathway.achievement_type,
    },
    progress:
      userId === null
        ? null
        : { done: progress.done, needed: progress.needed, satisfied: progress.satisfied },
    requirement,
    have: [...have.values()],
    missing: [...missing.values()],
    loginHref: logInThenPath(pathwayPath(pathway.public_id)),
  };
}

/** The requirement as the map draws it, in the reader's words. */
function mapNode(t: Translator['t'], node: ProgressNode): MapNode {
  if (node.kind === 'microCredential')
    return { ...node, title: node.title ?? t('catalog.pathways.page.noLongerOffered') };
  const l = node.label;
  const label =
    l.kind === 'some'
      ? t('catalog.pathways.page.some', { count: l.count })
      : l.kind === 'pathway'
        ? l.name === null
          ? t('catalog.pathways.page.pathwayGone')
          : t('catalog.pathways.page.pathway', { name: l.name })
        : t(l.kind === 'ordered' ? 'catalog.pathways.page.ordered' : 'catalog.pathways.page.all');
  return { ...node, label, items: node.items.map((i) => mapNode(t, i)) };
}

/** The achievement type in words (an extension type, `ext:Name`, as written). */
function typeWord(t: Translator['t'], type: string): string {
  return (ACHIEVEMENT_TYPES as readonly string[]).includes(type)
    ? t(`catalog.achievementTypes.${type as (typeof ACHIEVEMENT_TYPES)[number]}`)
    : type.replace(/^ext:/, '');
}

/** For a logged-in reader: what they have and what is still missing. */
function Progress({
  model,
  progress,
}: {
  model: PathwayPageModel;
  progress: NonNullable<PathwayPageModel['progress']>;
}) {
  const { t, date } = useT();
  const title = (x: string | null) => x ?? t('catalog.pathways.page.noLongerOffered');
  return (
    <section class="card" aria-labelledby="progress-heading">
      <h2 id="progress-heading">{t('catalog.pathways.page.progress')}</h2>
      <p>
        {progress.satisfied
          ? t('catalog.pathways.page.complete')
          : t('catalog.pathways.page.done', { done: progress.done, needed: progress.needed })}
      </p>
      <h3>{t('catalog.pathways.page.have')}</h3>
      {model.have.length === 0 ? (
        <p>{t('catalog.pathways.page.noneYet')}</p>
      ) : (
        <ul>
          {model.have.map((h) => (
            <li>{t('catalog.pathways.page.earned', { title: title(h.title), date: date(h.earnedOn) })}</li>
          ))}
        </ul>
      )}
      {!progress.satisfied && (
        <>
          <h3>{t('catalog.pathways.page.missing')}</h3>
          <ul>
            {model.missing.map((m) => (
              <li>
                {title(m.title)}
                {' — '}
                {m.href ? (
                  <a href={m.href}>{t('catalog.pathways.page.applyFor', { title: title(m.title) })}</a>
                ) : (
                  t('catalog.pathways.page.notOffered')
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

export function PathwayPageView({ model }: { model: PathwayPageModel }) {
  const { progress } = model;
  const { t } = useT();
  return (
    <>
      <p class="muted">{t('catalog.pathways.page.of', { organisation: model.pathway.organisation })}</p>
      <h1>{model.pathway.name}</h1>
      {model.pathway.description && <p>{model.pathway.description}</p>}
      <p>
        {t('catalog.pathways.page.earns', {
          type: typeWord(t, model.pathway.achievementType).toLowerCase(),
        })}
      </p>
      {progress ? (
        <Progress model={model} progress={progress} />
      ) : (
        <p>
          <a href={model.loginHref}>{t('catalog.pathways.page.logIn')}</a>{' '}
          {t('catalog.pathways.page.logInToSee')}
        </p>
      )}
      <section class="card" aria-labelledby="takes-heading">
        <h2 id="takes-heading">{t('catalog.pathways.page.takes')}</h2>
        <PathwayMap
          id="pathway-map"
          name={model.pathway.name}
          root={mapNode(t, model.requirement)}
          signedIn={progress !== null}
        />
      </section>
    </>
  );
}
