import { useT } from '../i18n/context.ts';

/** A pathway's requirement as the map draws it: steps (micro-credentials) inside groups. */
export type MapNode =
  | { kind: 'microCredential'; title: string; held: boolean; earnedOn: string | null; href: string | null }
  | { kind: 'group'; label: string; satisfied: boolean; ordered?: boolean; items: MapNode[] };

/** Earned; still to earn; not needed (its group is done without it); or a step of a visitor's map. */
export type StepState = 'earned' | 'missing' | 'notNeeded' | 'step';

/** One line of the map, in reading order. */
export interface MapRow {
  depth: number;
  kind: 'step' | 'group';
  label: string;
  state: StepState;
  href: string | null;
  earnedOn: string | null;
  /** Its place in an ordered group (1, 2, …), else null. */
  number: number | null;
  satisfied: boolean;
}

/** The map's lines: groups and their steps depth-first, each step with its state for this reader. */
export function mapRows(root: MapNode, signedIn: boolean): MapRow[] {
  const rows: MapRow[] = [];
  const walk = (node: MapNode, depth: number, number: number | null, coveredBy: boolean) => {
    if (node.kind === 'microCredential') {
      const state: StepState = !signedIn
        ? 'step'
        : node.held
          ? 'earned'
          : coveredBy
            ? 'notNeeded'
            : 'missing';
      rows.push({
        depth,
        kind: 'step',
        label: node.title,
        state,
        href: node.href,
        earnedOn: node.earnedOn,
        number,
        satisfied: node.held,
      });
      return;
    }
    rows.push({
      depth,
      kind: 'group',
      label: node.label,
      state: 'step',
      href: null,
      earnedOn: null,
      number,
      satisfied: node.satisfied,
    });
    node.items.forEach((item, i) =>
      walk(item, depth + 1, node.ordered ? i + 1 : null, coveredBy || (signedIn && node.satisfied)),
    );
  };
  walk(root, 0, null, false);
  return rows;
}

/** How many steps the reader has earned, still has to earn, and no longer needs. */
export function mapCounts(rows: MapRow[]) {
  const steps = rows.filter((r) => r.kind === 'step');
  return {
    total: steps.length,
    earned: steps.filter((r) => r.state === 'earned').length,
    missing: steps.filter((r) => r.state === 'missing').length,
    notNeeded: steps.filter((r) => r.state === 'notNeeded').length,
  };
}

const ROW = 52;
const INDENT = 24;
const R = 12;
const cx = (depth: number) => 16 + depth * INDENT;
const shorten = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** The lines joining each group to its steps. */
function Connectors({ rows }: { rows: MapRow[] }) {
  const lines = [];
  for (let i = 0; i < rows.length; i++) {
    const children: number[] = [];
    for (let j = i + 1; j < rows.length && rows[j]!.depth > rows[i]!.depth; j++)
      if (rows[j]!.depth === rows[i]!.depth + 1) children.push(j);
    if (!children.length) continue;
    const x = cx(rows[i]!.depth);
    const last = children[children.length - 1]!;
    lines.push(<line class="map-line" x1={x} x2={x} y1={i * ROW + ROW / 2 + 9} y2={last * ROW + ROW / 2} />);
    for (const j of children)
      lines.push(
        <line
          class="map-line"
          x1={x}
          x2={cx(rows[j]!.depth) - R}
          y1={j * ROW + ROW / 2}
          y2={j * ROW + ROW / 2}
        />,
      );
  }
  return <>{lines}</>;
}

/** A step's marker: a filled disc with a tick when earned, a ring (numbered in an ordered group) otherwise. */
function Marker({ row, x, y }: { row: MapRow; x: number; y: number }) {
  if (row.kind === 'group')
    return (
      <rect
        class={`map-group${row.satisfied && row.state !== 'step' ? ' done' : ''}`}
        x={x - 8}
        y={y - 8}
        width="16"
        height="16"
        rx="3"
        transform={`rotate(45 ${x} ${y})`}
      />
    );
  return (
    <>
      <circle class={`map-dot ${row.state}`} cx={x} cy={y} r={R} stroke-width="2.5" />
      {row.state === 'earned' ? (
        <path class="map-tick" d={`M${x - 5} ${y} l3.5 3.5 l6.5 -7`} fill="none" stroke-width="2.5" />
      ) : (
        row.number !== null && (
          <text
            class="map-number"
            x={x}
            y={y}
            text-anchor="middle"
            dominant-baseline="central"
            font-size="12"
          >
            {row.number}
          </text>
        )
      )}
    </>
  );
}

/** What a step's second line says. */
function useStateText() {
  const i18n = useT();
  return (row: MapRow): string => {
    if (row.kind === 'group')
      return row.satisfied && row.state !== 'step' ? i18n.t('pictures.map.groupDone') : '';
    if (row.state === 'earned')
      return row.earnedOn
        ? i18n.t('pictures.map.earnedOn', { date: i18n.date(new Date(row.earnedOn)) })
        : i18n.t('pictures.map.earned');
    if (row.state === 'notNeeded') return i18n.t('pictures.map.notNeeded');
    if (!row.href) return i18n.t('pictures.map.notOffered');
    return row.state === 'missing' ? i18n.t('pictures.map.apply') : '';
  };
}

function MapLine({ row, at }: { row: MapRow; at: number }) {
  const stateText = useStateText()(row);
  const x = cx(row.depth);
  const y = at * ROW + ROW / 2;
  const tx = x + R + 10;
  const body = (
    <>
      <Marker row={row} x={x} y={y} />
      <text class={`map-label${row.kind === 'group' ? ' group' : ''}`} x={tx} y={stateText ? y - 3 : y + 5}>
        {shorten(row.label, 34 - row.depth * 3)}
      </text>
      {stateText && (
        <text class="map-state" x={tx} y={y + 15}>
          {stateText}
        </text>
      )}
    </>
  );
  const linked = row.kind === 'step' && row.href && row.state !== 'earned' && row.state !== 'notNeeded';
  return (
    <g class={`map-row ${row.kind} ${row.state}`}>
      <title>{stateText ? `${row.label} — ${stateText}` : row.label}</title>
      {linked ? (
        <a href={row.href!} tabindex={-1} aria-hidden="true">
          {body}
        </a>
      ) : (
        body
      )}
    </g>
  );
}

/** The same map as a nested list: what a screen reader reads, with the links to apply. */
function MapList({ node, signedIn, covered }: { node: MapNode; signedIn: boolean; covered: boolean }) {
  const i18n = useT();
  const stateText = useStateText();
  if (node.kind === 'microCredential') {
    const row = mapRows(node, signedIn)[0]!;
    const state = signedIn && covered && !node.held ? { ...row, state: 'notNeeded' as const } : row;
    const words = stateText(state);
    return (
      <li class={`map-item ${state.state}`}>
        {node.href && state.state !== 'earned' ? <a href={node.href}>{node.title}</a> : node.title}
        {words && <span class="muted"> — {words}</span>}
      </li>
    );
  }
  const inner = covered || (signedIn && node.satisfied);
  const List = node.ordered ? 'ol' : 'ul';
  return (
    <li class="map-item group">
      {node.label}
      {signedIn && node.satisfied && <span class="muted"> — {i18n.t('pictures.map.groupDone')}</span>}
      <List>
        {node.items.map((i) => (
          <MapList node={i} signedIn={signedIn} covered={inner} />
        ))}
      </List>
    </li>
  );
}

/**
 * A pathway drawn as a map: its groups and steps in order, earned ones filled with a tick, missing
 * ones as open rings linking to where to apply. The picture is an image named by its title and a
 * summary of the counts; the list beneath carries the same steps (and the links) in words.
 */
export function PathwayMap({
  id,
  name,
  root,
  signedIn,
}: {
  id: string;
  name: string;
  root: MapNode;
  signedIn: boolean;
}) {
  const i18n = useT();
  const rows = mapRows(root, signedIn);
  const counts = mapCounts(rows);
  const desc = signedIn
    ? i18n.t('pictures.map.summary', { earned: counts.earned, missing: counts.missing })
    : i18n.t('pictures.map.structure', { count: counts.total });
  return (
    <figure class="pathway-map">
      <svg
        class="map-svg"
        width="100%"
        height={String(rows.length * ROW)}
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
      >
        <title id={`${id}-title`}>{i18n.t('pictures.map.title', { name })}</title>
        <desc id={`${id}-desc`}>{desc}</desc>
        <Connectors rows={rows} />
        {rows.map((row, at) => (
          <MapLine row={row} at={at} />
        ))}
      </svg>
      {signedIn && (
        <figcaption class="map-legend">
          <span class="visually-hidden">{i18n.t('pictures.map.legend')}: </span>
          <span class="map-key earned">{i18n.t('pictures.map.earned')}</span>
          <span class="map-key missing">{i18n.t('pictures.map.missing')}</span>
          {counts.notNeeded > 0 && <span class="map-key notNeeded">{i18n.t('pictures.map.notNeeded')}</span>}
          <span>{desc}</span>
        </figcaption>
      )}
      <ul class="map-list">
        <MapList node={root} signedIn={signedIn} covered={false} />
      </ul>
    </figure>
  );
}
