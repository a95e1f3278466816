import type { Translator } from '../../../web/i18n/i18n.ts';

/** What the share texts are made of (from the badge page's view model). */
export interface ShareFacts {
  name: string;
  orgName: string;
  publicId: string;
  url: string;
  issued: Date;
  validUntil: Date | null;
}

export interface ShareTexts {
  /** LinkedIn's "add to profile" link. */
  linkedIn: string;
  share: { linkedin: string; facebook: string; x: string; email: string };
  /** HTML snippets, shown as text to copy. */
  embed: string;
  signature: string;
}

const html = (v: string) => v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
/** A value for an HTML attribute of a snippet. */
export const attr = (v: string) => html(v).replace(/"/g, '&quot;');

/** LinkedIn's "add to profile" link, with the issue (and expiry) month. */
function linkedInLink(b: ShareFacts): string {
  const url = new URL('https://www.linkedin.com/profile/add');
  url.search = new URLSearchParams({
    startTask: 'CERTIFICATION_NAME',
    name: b.name,
    organizationName: b.orgName,
    issueYear: String(b.issued.getUTCFullYear()),
    issueMonth: String(b.issued.getUTCMonth() + 1),
    ...(b.validUntil
      ? {
          expirationYear: String(b.validUntil.getUTCFullYear()),
          expirationMonth: String(b.validUntil.getUTCMonth() + 1),
        }
      : {}),
    certUrl: b.url,
    certId: b.publicId,
  }).toString();
  return url.toString();
}

/**
 * The badge's share texts in the reader's language: LinkedIn's "add to profile" link, share
 * links, and the embed and email-signature snippets.
 */
export function shareTexts(b: ShareFacts, { t }: Pick<Translator, 't'>): ShareTexts {
  const url = encodeURIComponent(b.url);
  const earned = t('issuing.badge.share.earned', { name: b.name, issuer: b.orgName });
  const subject = t('issuing.badge.share.mailSubject', { name: b.name });
  const share = {
    linkedin: `https://www.linkedin.com/sharing/share-offsite/?url=${url}`,
    facebook: `https://www.facebook.com/sharer/sharer.php?u=${url}`,
    x: `https://x.com/intent/post?url=${url}&text=${encodeURIComponent(earned)}`,
    email: `mailto:?subject=${encodeURIComponent(subject)}&body=${url}`,
  };
  const alt = `${attr(b.name)} — ${attr(b.orgName)}`;
  const baked = `${b.url}/baked.png`;
  const embed = `<a href="${b.url}"><img src="${baked}" alt="${alt}" width="120" height="120"></a>`;
  // Pasted into mail clients (no CSP there, no stylesheet): the snippet keeps its inline styles.
  const note = html(t('issuing.badge.share.signatureNote'));
  const signature = `<a href="${b.url}" style="text-decoration:none;color:inherit"><img src="${baked}" alt="${alt}" width="48" height="48" style="vertical-align:middle;border:0"> <span style="font:13px sans-serif">${html(b.name)} · ${html(b.orgName)} · ${note}</span></a>`;
  return { linkedIn: linkedInLink(b), share, embed, signature };
}
