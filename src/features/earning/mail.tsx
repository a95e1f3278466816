import { Button, Layout, html, type RenderedMail } from '../../mail/templates.tsx';
import { DEFAULT_LOCALE, translator, type Locale } from '../../web/i18n/i18n.ts';

// Earning's emails, in the recipient's language: `locale` is the person's saved language when
// there is one (the caller passes it), English otherwise (an invited address has no account yet).

/** Reminds an earner that their application's deadline is near. */
export function deadlineReminderMail(v: {
  name: string;
  title: string;
  days: number;
  deadline: Date;
  link: string;
  locale?: Locale;
}): RenderedMail {
  const { t, date } = translator(v.locale ?? DEFAULT_LOCALE);
  const subject = t('earning.mail.deadline.subject', { count: v.days, title: v.title });
  const reason = t('earning.mail.reasonApplied');
  const lead = t('earning.mail.deadline.lead', { title: v.title, deadline: date(v.deadline) });
  const hello = t('earning.mail.hello', { name: v.name });
  return {
    template: 'deadline_reminder',
    subject,
    text: `${hello}\n\n${lead}\n\n${v.link}\n\n${reason}\n`,
    html: html(
      <Layout title={subject} reason={reason} lang={v.locale ?? DEFAULT_LOCALE}>
        <p>{hello}</p>
        <p>{lead}</p>
        <Button href={v.link} label={t('earning.mail.deadline.button')} />
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
  locale?: Locale;
}): RenderedMail {
  const { t } = translator(v.locale ?? DEFAULT_LOCALE);
  const words = v.passed ? 'passed' : 'revision';
  const subject = t(`earning.mail.${words}.subject`, { title: v.title });
  const lead = t(`earning.mail.${words}.lead`, { title: v.title });
  const reason = t('earning.mail.reasonApplied');
  const hello = t('earning.mail.hello', { name: v.name });
  return {
    template: v.passed ? 'review_passed' : 'review_needs_revision',
    subject,
    text: `${hello}\n\n${lead}\n\n${v.link}\n\n${reason}\n`,
    html: html(
      <Layout title={subject} reason={reason} lang={v.locale ?? DEFAULT_LOCALE}>
        <p>{hello}</p>
        <p>{lead}</p>
        <Button href={v.link} label={t(`earning.mail.${words}.button`)} />
      </Layout>,
    ),
  };
}

/** Invites a colleague to a team (learning community) by email. */
export function teamInvitationMail(v: {
  teamName: string;
  inviterName: string | null;
  link: string;
  expiresInDays: number;
  locale?: Locale;
}): RenderedMail {
  const { t } = translator(v.locale ?? DEFAULT_LOCALE);
  const values = { team: v.teamName, inviter: v.inviterName ?? t('earning.mail.team.colleague') };
  const subject = t('earning.mail.team.subject', values);
  const lead = t('earning.mail.team.lead', values);
  const expires = t('earning.mail.team.expires', { count: v.expiresInDays, link: v.link });
  const reason = t('earning.mail.team.reason', values);
  return {
    template: 'team_invitation',
    subject,
    text: `${lead}\n\n${v.link}\n\n${expires}\n\n${reason}\n`,
    html: html(
      <Layout title={subject} reason={reason} lang={v.locale ?? DEFAULT_LOCALE}>
        <p>{lead}</p>
        <Button href={v.link} label={t('earning.mail.team.button')} />
        <p style="color:#5a6478;font-size:14px">{expires}</p>
      </Layout>,
    ),
  };
}
