import { Button, Layout, html, type RenderedMail } from '../../mail/templates.tsx';
import { DEFAULT_LOCALE, translator, type Locale, type Translator } from '../../web/i18n/i18n.ts';
import { licenseDecisionMail } from '../credit/index.ts';
import { presentNotification } from './present.ts';

// The notification emails, in the recipient's language: `locale` is the person's saved language
// when there is one (the caller passes it), English otherwise.

const settingsReason = ({ t }: Translator, publicUrl: string) =>
  t('notifications.mail.reason', { link: `${publicUrl}/inbox/settings` });

/** One notification by email, linking to the page where the work is done. */
export function notificationMail(v: {
  publicUrl: string;
  name: string;
  kind: string;
  data: Record<string, unknown>;
  locale?: Locale;
}): RenderedMail {
  const i18n = translator(v.locale ?? DEFAULT_LOCALE);
  const { t } = i18n;
  const p = presentNotification(v.kind, v.data, t);
  const link = `${v.publicUrl}${p.link}`;
  if (v.kind === 'license_decided') {
    // The same email the license decision always sent, now sent once, through the notification.
    const s = (k: string) => (typeof v.data[k] === 'string' ? (v.data[k] as string) : '');
    return licenseDecisionMail({
      name: v.name,
      recognizerName: s('organisation'),
      programName: s('program'),
      licenseNumber: s('licenseNumber'),
      confirmed: s('decision') === 'confirmed',
      reason: s('reason'),
      link,
      ...(v.locale ? { locale: v.locale } : {}),
    });
  }
  const reason = settingsReason(i18n, v.publicUrl);
  const hello = t('notifications.mail.hello', { name: v.name });
  const text = [hello, '', p.body, '', `${p.linkLabel}: ${link}`, '', reason].join('\n');
  const body = (
    <Layout title={p.title} reason={reason}>
      <p>{hello}</p>
      <p>{p.body}</p>
      <Button href={link} label={p.linkLabel} />
    </Layout>
  );
  return { template: `notification.${v.kind}`, subject: p.title, text, html: html(body) };
}

/** The day's digest: one email listing each waiting notification with its link. */
export function digestMail(v: {
  publicUrl: string;
  name: string;
  items: { kind: string; data: Record<string, unknown> }[];
  locale?: Locale;
}): RenderedMail {
  const i18n = translator(v.locale ?? DEFAULT_LOCALE);
  const { t } = i18n;
  const lines = v.items.map((i) => presentNotification(i.kind, i.data, t));
  const subject = t('notifications.mail.digestSubject', { count: lines.length });
  const reason = settingsReason(i18n, v.publicUrl);
  const hello = t('notifications.mail.hello', { name: v.name });
  const text = [
    hello,
    '',
    t('notifications.mail.digestLead'),
    '',
    ...lines.map((l) => `- ${l.title}\n  ${l.body}\n  ${v.publicUrl}${l.link}`),
    '',
    t('notifications.mail.inbox', { link: `${v.publicUrl}/inbox` }),
    '',
    reason,
  ].join('\n');
  const body = (
    <Layout title={subject} reason={reason}>
      <p>{hello}</p>
      <p>{t('notifications.mail.digestLead')}</p>
      <ul>
        {lines.map((l) => (
          <li>
            <a href={`${v.publicUrl}${l.link}`}>{l.title}</a> — {l.body}
          </li>
        ))}
      </ul>
      <Button href={`${v.publicUrl}/inbox`} label={t('notifications.mail.openInbox')} />
    </Layout>
  );
  return { template: 'notification.digest', subject, text, html: html(body) };
}
