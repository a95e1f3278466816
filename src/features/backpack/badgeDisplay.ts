import type { Translator } from '../../web/i18n/i18n.ts';

/** What a foreign badge is listed by, read from its credential: pure, no database. */

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);
const dateOf = (v: unknown): Date | null => {
  const t = typeof v === 'string' ? Date.parse(v) : NaN;
  return Number.isNaN(t) ? null : new Date(t);
};
const imageOf = (v: unknown): string | null => {
  const url = str(v) ?? (isObject(v) ? str(v.id) : null);
  // Only inline images are shown (the page policy allows no third-party images); kept small.
  return url && url.startsWith('data:image/') && url.length < 200_000 ? url : null;
};

export interface BadgeDisplay {
  /** The badge's own name; null when it names itself nowhere (worded as untitled when shown). */
  name: string | null;
  issuerName: string | null;
  image: string | null;
  issuedOn: Date | null;
}

function ob2Display(credential: Json): BadgeDisplay {
  const badge = isObject(credential.badge) ? credential.badge : null;
  const issuer = badge && isObject(badge.issuer) ? badge.issuer : null;
  const host =
    typeof credential.id === 'string' && /^https?:/.test(credential.id) ? new URL(credential.id).host : null;
  return {
    name: str(badge?.name),
    issuerName: str(issuer?.name) ?? host,
    image: imageOf(credential.image) ?? imageOf(badge?.image),
    issuedOn: dateOf(credential.issuedOn),
  };
}

/** Name, issuer, image and date to list a foreign badge by (OB 3.0 credential or OB 2.0 assertion). */
export function displayFields(credential: Json | undefined): BadgeDisplay {
  if (!credential) return { name: null, issuerName: null, image: null, issuedOn: null };
  if (credential.type === 'Assertion' || credential.badge !== undefined) return ob2Display(credential);
  const subject = [credential.credentialSubject].flat().find(isObject);
  const achievement = subject && isObject(subject.achievement) ? subject.achievement : null;
  const issuer = credential.issuer;
  return {
    name: str(achievement?.name) ?? str(credential.name),
    issuerName: isObject(issuer) ? (str(issuer.name) ?? str(issuer.id)) : str(issuer),
    image: imageOf(achievement?.image) ?? imageOf(credential.image),
    issuedOn:
      dateOf(credential.validFrom) ?? dateOf(credential.issuanceDate) ?? dateOf(credential.awardedDate),
  };
}

/** An imported badge's name as listed: its own, or "untitled" in the reader's language. */
export const badgeName = (i18n: Pick<Translator, 't'>, name: string | null): string =>
  name ?? i18n.t('backpack.imported.untitled');
