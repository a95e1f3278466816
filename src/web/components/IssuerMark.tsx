import { useT } from '../i18n/context.ts';

/** The tones a monogram may take (classes of the stylesheet's `.issuer-mark`). */
const TONES = ['tone-1', 'tone-2', 'tone-3', 'tone-4', 'tone-5'] as const;

/** Up to two initials of a name: "Harbour Teachers Union" → "HT"; "Cairn" → "CA". */
export function initialsOf(name: string): string {
  const words = name
    .normalize('NFC')
    .split(/[\s\-–—_/.,&]+/)
    .map((w) => w.replace(/[^\p{L}\p{N}]/gu, ''))
    .filter(Boolean);
  if (words.length === 0) return '?';
  const first = [...words[0]!];
  if (words.length === 1) return first.slice(0, 2).join('').toLocaleUpperCase();
  return `${first[0]}${[...words[1]!][0]}`.toLocaleUpperCase();
}

/** A stable tone for a name, so an organisation keeps its colour from page to page. */
export function toneOf(name: string): (typeof TONES)[number] {
  let hash = 0;
  for (const ch of name) hash = (hash * 31 + ch.codePointAt(0)!) >>> 0;
  return TONES[hash % TONES.length]!;
}

/**
 * An organisation's mark: its logo when it has one, else a monogram of its initials drawn as SVG.
 * `labelled` gives the mark its own accessible name (where the name is not written beside it);
 * otherwise it is decoration (alt="" / aria-hidden) because the name is next to it.
 */
export function IssuerMark(props: {
  name: string;
  logoUrl?: string | null;
  size?: number;
  labelled?: boolean;
}) {
  const { t } = useT();
  const size = props.size ?? 40;
  const label = t('pictures.issuerLogo', { name: props.name });
  if (props.logoUrl)
    return (
      <img
        class="issuer-mark"
        src={props.logoUrl}
        alt={props.labelled ? label : ''}
        width={String(size)}
        height={String(size)}
        loading="lazy"
      />
    );
  const initials = initialsOf(props.name);
  return (
    <svg
      class={`issuer-mark ${toneOf(props.name)}`}
      viewBox="0 0 40 40"
      width={String(size)}
      height={String(size)}
      {...(props.labelled ? { role: 'img', 'aria-label': label } : { 'aria-hidden': 'true' })}
      focusable="false"
    >
      <rect class="issuer-mark-bg" x="0" y="0" width="40" height="40" rx="10" />
      <text
        class="issuer-mark-text"
        x="20"
        y="20"
        text-anchor="middle"
        dominant-baseline="central"
        font-size={initials.length > 1 ? '16' : '19'}
      >
        {initials}
      </text>
    </svg>
  );
}
