import { Button, Layout, html, type RenderedMail } from '../../../mail/templates.tsx';
import { DEFAULT_LOCALE, translator, type Locale, type Translator } from '../../../web/i18n/i18n.ts';

// The invitation a provider's attendee gets (program A), in the layout of mail/templates.tsx, in
// the attendee's language when their address belongs to an account that chose one (else English).

export interface InvitationMailData {
  name: string;
  sessionTitle: string;
  providerName: string;
  councilName: string;
  badgeTitle: string;
  /** The catalog page of the badge with the session chosen in its application form. */
  link: string;
  locale?: Locale;
}

/**
 * An attendee of a pre-approved session is invited to apply to the council for the badge.
 * `i18n` is the recipient's translator (a test may pass the pseudo one).
 */
export function invitationMail(
  v: InvitationMailData,
  i18n: Translator = translator(v.locale ?? DEFAULT_LOCALE),
): RenderedMail {
  const { t } = i18n;
  const values = {
    badge: v.badgeTitle,
    session: v.sessionTitle,
    provider: v.providerName,
    council: v.councilName,
  };
  const subject = t('programA.sessions.mail.subject', values);
  const lead = t('programA.sessions.mail.lead', values);
  const reason = t('programA.sessions.mail.reason', values);
  const hello = t('programA.sessions.mail.hello', { name: v.name });
  const apply = t('programA.sessions.mail.apply', { link: v.link });
  return {
    template: 'ce_session_invitation',
    subject,
    text: `${hello}\n\n${lead}\n\n${apply}\n\n${t('programA.sessions.mail.chosen')}\n\n${reason}\n`,
    html: html(
      <Layout title={subject} reason={reason} lang={i18n.locale}>
        <p>{hello}</p>
        <p>{lead}</p>
        <Button href={v.link} label={t('programA.sessions.mail.button')} />
        <p style="color:#5a6478;font-size:14px">{t('programA.sessions.mail.paste', { link: v.link })}</p>
      </Layout>,
    ),
  };
}
