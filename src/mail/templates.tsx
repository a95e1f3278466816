import type { Child } from 'hono/jsx';
import type { Locale } from '../web/i18n/i18n.ts';

/**
 * The recipient's language, when they chose one (users.locale). The messages below are English
 * only for now; a template given `locale` is where `translator(locale)` would word it.
 */
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

/** Asks the owner of an address to confirm it. */
export function confirmEmailMail(
  v: { name: string; link: string; newAddress: boolean } & ToPerson,
): RenderedMail {
  const subject = v.newAddress
    ? 'Confirm the address you added to Cairn'
    : 'Confirm your email to finish creating your Cairn account';
  const lead = v.newAddress
    ? 'You added this address to your Cairn account. Confirm it so badges sent here reach you.'
    : 'Welcome to Cairn. Confirm your email address to finish creating your account.';
  const reason =
    'You received this because this address was entered on Cairn. If it was not you, ignore this email: nothing happens until the link is opened.';
  return {
    template: 'confirm_email',
    subject,
    text: `Hello ${v.name},\n\n${lead}\n\nConfirm: ${v.link}\n\nThe link works for 48 hours.\n\n${reason}\n`,
    html: html(
      <Layout title={subject} reason={reason}>
        <p>Hello {v.name},</p>
        <p>{lead}</p>
        <Button href={v.link} label="Confirm my email" />
        <p style="color:#5a6478;font-size:14px">
          The link works for 48 hours. If the button does not work, paste this address into your browser:{' '}
          {v.link}
        </p>
      </Layout>,
    ),
  };
}

/** Carries a link to choose a new password. */
export function resetPasswordMail(v: { name: string; link: string } & ToPerson): RenderedMail {
  const subject = 'Reset your Cairn password';
  const reason =
    'You received this because someone asked to reset the password of the Cairn account with this address. If it was not you, ignore this email; your password stays as it is.';
  return {
    template: 'reset_password',
    subject,
    text: `Hello ${v.name},\n\nChoose a new password here: ${v.link}\n\nThe link works for 2 hours and only once.\n\n${reason}\n`,
    html: html(
      <Layout title={subject} reason={reason}>
        <p>Hello {v.name},</p>
        <p>Someone, hopefully you, asked to reset your Cairn password.</p>
        <Button href={v.link} label="Choose a new password" />
        <p style="color:#5a6478;font-size:14px">The link works for 2 hours and only once: {v.link}</p>
      </Layout>,
    ),
  };
}

/** Tells the owner their password changed, with a way back if it was not them. */
export function passwordChangedMail(v: { name: string; resetLink: string } & ToPerson): RenderedMail {
  const subject = 'Your Cairn password was changed';
  const reason = 'You received this because the password of your Cairn account changed.';
  return {
    template: 'password_changed',
    subject,
    text: `Hello ${v.name},\n\nYour Cairn password was just changed and every session was logged out.\nIf this was not you, reset your password now: ${v.resetLink}\n\n${reason}\n`,
    html: html(
      <Layout title={subject} reason={reason}>
        <p>Hello {v.name},</p>
        <p>Your Cairn password was just changed and every session was logged out.</p>
        <p>
          If this was not you, <a href={v.resetLink}>reset your password now</a>.
        </p>
      </Layout>,
    ),
  };
}

/** Invites someone to join an organisation with roles. */
export function invitationMail(v: {
  organisationName: string;
  inviterName: string;
  roles: string[];
  link: string;
  expiresInDays: number;
}): RenderedMail {
  const subject = `${v.inviterName} invited you to join ${v.organisationName} on Cairn`;
  const roles = v.roles.join(', ');
  const reason = `You received this because ${v.inviterName} entered this address at ${v.organisationName}. If you do not expect it, ignore this email.`;
  return {
    template: 'invitation',
    subject,
    text: `Hello,\n\n${v.inviterName} invited you to join ${v.organisationName} on Cairn as: ${roles}.\n\nAccept: ${v.link}\n\nThe invitation works for ${v.expiresInDays} days. Log in, or create an account with this address, to accept it.\n\n${reason}\n`,
    html: html(
      <Layout title={subject} reason={reason}>
        <p>Hello,</p>
        <p>
          <strong>{v.inviterName}</strong> invited you to join <strong>{v.organisationName}</strong> on Cairn
          as: {roles}.
        </p>
        <Button href={v.link} label="See the invitation" />
        <p style="color:#5a6478;font-size:14px">
          The invitation works for {v.expiresInDays} days. Log in, or create an account with this address, to
          accept it: {v.link}
        </p>
      </Layout>,
    ),
  };
}

/** Reminds an earner that their application's deadline is near. */
export function deadlineReminderMail(v: {
  name: string;
  title: string;
  days: number;
  deadline: string;
  link: string;
}): RenderedMail {
  const subject = `${v.days} day${v.days === 1 ? '' : 's'} left to submit “${v.title}”`;
  const reason = 'You received this because you applied for this micro-credential on Cairn.';
  const lead = `Your application for “${v.title}” closes on ${v.deadline}. Submit your evidence before then; after the deadline the application expires (your evidence is kept and you can apply again).`;
  return {
    template: 'deadline_reminder',
    subject,
    text: `Hello ${v.name},\n\n${lead}\n\n${v.link}\n\n${reason}\n`,
    html: html(
      <Layout title={subject} reason={reason}>
        <p>Hello {v.name},</p>
        <p>{lead}</p>
        <Button href={v.link} label="Continue your application" />
      </Layout>,
    ),
  };
}

/** Tells an earner the outcome of a review, with a link to the feedback. */
export function reviewDecisionMail(v: {
  name: string;
  title: string;
  passed: boolean;
  link: string;
}): RenderedMail {
  const subject = v.passed ? `You earned “${v.title}”` : `Feedback on your “${v.title}” submission`;
  const lead = v.passed
    ? `Congratulations: a reviewer found that your evidence meets every criterion of “${v.title}”. Your badge is being issued now and will be in your backpack in a moment: there is nothing more to do.`
    : `A reviewer has scored your evidence for “${v.title}” and asked for a revision. Read the feedback, revise, and resubmit as many times as you need.`;
  const reason = 'You received this because you applied for this micro-credential on Cairn.';
  return {
    template: v.passed ? 'review_passed' : 'review_needs_revision',
    subject,
    text: `Hello ${v.name},\n\n${lead}\n\n${v.link}\n\n${reason}\n`,
    html: html(
      <Layout title={subject} reason={reason}>
        <p>Hello {v.name},</p>
        <p>{lead}</p>
        <Button href={v.link} label={v.passed ? 'See your application' : 'Read the feedback'} />
      </Layout>,
    ),
  };
}
