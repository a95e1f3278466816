import type { Child } from 'hono/jsx';
import { DEFAULT_LOCALE, translator, type Locale } from '../web/i18n/i18n.ts';

/** The recipient's language, when they chose one (users.locale); English otherwise. */
export interface ToPerson {
  locale?: Locale | null;
}

/** A message ready to store in the outbox: subject, plain text and HTML. */
export interface RenderedMail {
  template: string;
  subject: string;
  text: string;
  html: string;
}

/** The mail frame; `lang` is the language the mail is written in (the recipient's, else English). */
export function Layout({
  title,
  children,
  reason,
  lang = 'en',
}: {
  title: string;
  children: Child;
  reason: string;
  lang?: Locale;
}) {
  return (
    <html lang={lang}>
      <head>
        <meta charset="utf-8" />
        <title>{title}</title>
      </head>
      <body style="margin:0;padding:24px;background:#f7f8fb;font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1d2433;line-height:1.5">
        <div style="max-width:560px;margin:0 auto;background:#ffffff;border:1px solid #d7dce5;border-radius:8px;padding:24px">
          <p style="font-weight:700;font-size:18px;margin:0 0 16px">Cairn</p>
          {children}
        </div>
        <p style="max-width:560px;margin:16px auto 0;color:#5a6478;font-size:13px">{reason}</p>
      </body>
    </html>
  );
}

export function Button({ href, label }: { href: string; label: string }) {
  return (
    <p style="margin:24px 0">
      <a
        href={href}
        style="background:#1f5f8b;color:#ffffff;padding:10px 18px;border-radius:6px;text-decoration:none;display:inline-block"
      >
        {label}
      </a>
    </p>
  );
}

export function html(element: Child): string {
  return `<!doctype html>${String(element)}`;
}

const MUTED = 'color:#5a6478;font-size:14px';

/** The recipient's translator: their saved language, else English. */
const wordsFor = (to: ToPerson) => translator(to.locale ?? DEFAULT_LOCALE);

/** Asks the owner of an address to confirm it. */
export function confirmEmailMail(
  v: { name: string; link: string; newAddress: boolean } & ToPerson,
): RenderedMail {
  const { t, locale } = wordsFor(v);
  const subject = t(v.newAddress ? 'accountMail.confirm.subjectNew' : 'accountMail.confirm.subjectSignUp');
  const lead = t(v.newAddress ? 'accountMail.confirm.leadNew' : 'accountMail.confirm.leadSignUp');
  const reason = t('accountMail.confirm.reason');
  const hello = t('accountMail.hello', { name: v.name });
  return {
    template: 'confirm_email',
    subject,
    text: `${hello}\n\n${lead}\n\n${t('accountMail.confirm.textLink', { link: v.link })}\n\n${t('accountMail.confirm.expires')}\n\n${reason}\n`,
    html: html(
      <Layout title={subject} reason={reason} lang={locale}>
        <p>{hello}</p>
        <p>{lead}</p>
        <Button href={v.link} label={t('accountMail.confirm.button')} />
        <p style={MUTED}>{t('accountMail.confirm.fallback', { link: v.link })}</p>
      </Layout>,
    ),
  };
}

/** Carries a link to choose a new password. */
export function resetPasswordMail(v: { name: string; link: string } & ToPerson): RenderedMail {
  const { t, locale } = wordsFor(v);
  const subject = t('accountMail.reset.subject');
  const reason = t('accountMail.reset.reason');
  const hello = t('accountMail.hello', { name: v.name });
  return {
    template: 'reset_password',
    subject,
    text: `${hello}\n\n${t('accountMail.reset.textLink', { link: v.link })}\n\n${t('accountMail.reset.expiresText')}\n\n${reason}\n`,
    html: html(
      <Layout title={subject} reason={reason} lang={locale}>
        <p>{hello}</p>
        <p>{t('accountMail.reset.lead')}</p>
        <Button href={v.link} label={t('accountMail.reset.button')} />
        <p style={MUTED}>{t('accountMail.reset.expires', { link: v.link })}</p>
      </Layout>,
    ),
  };
}

/** Tells the owner their password changed, with a way back if it was not them. */
export function passwordChangedMail(v: { name: string; resetLink: string } & ToPerson): RenderedMail {
  const { t, locale } = wordsFor(v);
  const subject = t('accountMail.changed.subject');
  const reason = t('accountMail.changed.reason');
  const hello = t('accountMail.hello', { name: v.name });
  const lead = t('accountMail.changed.lead');
  return {
    template: 'password_changed',
    subject,
    text: `${hello}\n\n${lead}\n${t('accountMail.changed.notYou', { link: v.resetLink })}\n\n${reason}\n`,
    html: html(
      <Layout title={subject} reason={reason} lang={locale}>
        <p>{hello}</p>
        <p>{lead}</p>
        <p>
          {t('accountMail.changed.notYouBefore')}
          <a href={v.resetLink}>{t('accountMail.changed.notYouLink')}</a>.
        </p>
      </Layout>,
    ),
  };
}

const ROLE_KEYS = ['owner', 'admin', 'designer', 'reviewer', 'issuing_staff', 'recognition_officer'] as const;
type RoleKey = (typeof ROLE_KEYS)[number];
const isRoleKey = (role: string): role is RoleKey => (ROLE_KEYS as readonly string[]).includes(role);

/** Invites someone to join an organisation with roles (in English unless the address has an account with a language). */
export function invitationMail(
  v: {
    organisationName: string;
    inviterName: string;
    roles: string[];
    link: string;
    expiresInDays: number;
  } & ToPerson,
): RenderedMail {
  const { t, locale } = wordsFor(v);
  const names = { inviter: v.inviterName, organisation: v.organisationName };
  const subject = t('accountMail.invitation.subject', names);
  const roles = v.roles.map((r) => (isRoleKey(r) ? t(`accounts.roles.${r}`) : r)).join(', ');
  const reason = t('accountMail.invitation.reason', names);
  const lead = t('accountMail.invitation.lead', { ...names, roles });
  const expires = t('accountMail.invitation.expires', { days: v.expiresInDays });
  return {
    template: 'invitation',
    subject,
    text: `${t('accountMail.helloNoName')}\n\n${lead}\n\n${t('accountMail.invitation.textLink', { link: v.link })}\n\n${expires}\n\n${reason}\n`,
    html: html(
      <Layout title={subject} reason={reason} lang={locale}>
        <p>{t('accountMail.helloNoName')}</p>
        <p>{lead}</p>
        <Button href={v.link} label={t('accountMail.invitation.button')} />
        <p style={MUTED}>
          {expires} {v.link}
        </p>
      </Layout>,
    ),
  };
}
