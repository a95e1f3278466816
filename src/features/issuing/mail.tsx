import { Button, Layout, html, type RenderedMail } from '../../mail/templates.tsx';
import { DEFAULT_LOCALE, translator, type Locale, type Translator } from '../../web/i18n/i18n.ts';

// The emails of claiming an issued badge (HTML + plain text, the layout of mail/templates.tsx), in
// the recipient's language: `locale` is the saved language of the account the address belongs to,
// English when it belongs to none yet. The badge's and issuer's names are data, as written.

export interface ClaimMailData {
  /** The account holder's name when the address already belongs to an account. */
  name: string | null;
  badgeName: string;
  issuerName: string;
  link: string;
  expiresInDays: number;
  /** The language of the account the address belongs to, if it has chosen one. */
  locale?: Locale;
}

/**
 * The one shape of both claim emails, written with `i18n` (the recipient's translator; a test
 * gives the pseudo one); only the template and wording (offer or reminder) differ.
 */
export function claimMailIn(i18n: Translator, v: ClaimMailData, kind: 'offer' | 'reminder'): RenderedMail {
  const { t, locale } = i18n;
  const words = { issuer: v.issuerName, name: v.badgeName, days: v.expiresInDays, link: v.link };
  const subject = t(`issuing.mail.${kind}.subject`, words);
  const lead = t(`issuing.mail.${kind}.lead`, words);
  const validity = t(`issuing.mail.${kind}.validity`, words);
  const hello = v.name ? t('issuing.mail.hello', { name: v.name }) : t('issuing.mail.helloAnonymous');
  const reason = t('issuing.mail.reason', words);
  return {
    template: kind === 'offer' ? 'claim_offer' : 'claim_reminder',
    subject,
    text: `${hello}\n\n${lead}\n\n${t('issuing.mail.textLink', words)}\n\n${validity}\n\n${reason}\n`,
    html: html(
      <Layout title={subject} reason={reason} lang={locale}>
        <p>{hello}</p>
        <p>{lead}</p>
        <Button href={v.link} label={t('issuing.mail.button')} />
        <p style="color:#5a6478;font-size:14px">
          {validity} {t('issuing.mail.pasteLink', words)}
        </p>
      </Layout>,
    ),
  };
}

/** Tells an earner a badge was issued to them, with the link to claim it. */
export function claimOfferMail(v: ClaimMailData): RenderedMail {
  return claimMailIn(translator(v.locale ?? DEFAULT_LOCALE), v, 'offer');
}

/** Reminds an earner, once, of a badge still waiting to be claimed. */
export function claimReminderMail(v: ClaimMailData): RenderedMail {
  return claimMailIn(translator(v.locale ?? DEFAULT_LOCALE), v, 'reminder');
}
