import { Button, Layout, html, type RenderedMail } from '../../mail/templates.tsx';
import { DEFAULT_LOCALE, translator, type Locale, type Translator } from '../../web/i18n/i18n.ts';

// Emails of recognition-program approval (issue 7), in the layout of mail/templates.tsx (HTML + plain
// text), in the recipient's language: `locale` is the person's saved language when there is one (the
// caller passes it), English otherwise.

export type SubmissionEvent =
  | 'submitted'
  | 'resubmitted'
  | 'comment'
  | 'changes_requested'
  | 'approved'
  | 'rejected'
  | 'withdrawn'
  | 'endorsed';

export interface SubmissionMailData {
  event: SubmissionEvent;
  /** The name of the micro-credential, pathway or stack submitted. */
  subjectTitle: string;
  /** The micro-credential's version submitted (null for a pathway or stack). */
  version?: number | null;
  programName: string;
  issuerName: string;
  recognizerName: string;
  /** Who wrote: the officer or issuer staff member. */
  actorName: string;
  /** The comment, reasons or requested changes, as written. */
  message: string | null;
  hours?: number | null;
  /** The approval's end date (YYYY-MM-DD), if any. */
  endsOn?: string | null;
  link: string;
  locale?: Locale;
}

function wording(v: SubmissionMailData, { t, date }: Translator): { subject: string; lead: string } {
  const what =
    v.version === null || v.version === undefined
      ? t('recognition.mail.what', { title: v.subjectTitle })
      : t('recognition.mail.whatVersion', { title: v.subjectTitle, version: v.version });
  const values = {
    what,
    issuer: v.issuerName,
    recognizer: v.recognizerName,
    program: v.programName,
    actor: v.actorName,
    hours: v.hours ?? 0,
  };
  if (v.event === 'approved' && v.endsOn) {
    const until = date(new Date(`${v.endsOn}T00:00:00Z`));
    return {
      subject: t('recognition.mail.approved.subject', values),
      lead: t('recognition.mail.approved.leadUntil', { ...values, until }),
    };
  }
  return {
    subject: t(`recognition.mail.${v.event}.subject`, values),
    lead: t(`recognition.mail.${v.event}.lead`, values),
  };
}

/**
 * Tells the other side of a recognition submission what changed, with a link to the thread.
 * `i18n` is the recipient's translator (a test may pass the pseudo one).
 */
export function submissionMail(
  v: SubmissionMailData,
  i18n: Translator = translator(v.locale ?? DEFAULT_LOCALE),
): RenderedMail {
  const { t } = i18n;
  const { subject, lead } = wording(v, i18n);
  const reason = t('recognition.mail.reason');
  const hello = t('recognition.mail.hello');
  const quoted = v.message ? `\n\n${t('recognition.mail.wrote', { name: v.actorName })}\n${v.message}` : '';
  return {
    template: `recognition_${v.event}`,
    subject,
    text: `${hello}\n\n${lead}${quoted}\n\n${v.link}\n\n${reason}\n`,
    html: html(
      <Layout title={subject} reason={reason} lang={i18n.locale}>
        <p>{hello}</p>
        <p>{lead}</p>
        {v.message && (
          <blockquote style="border-left:3px solid #d7dce5;margin:0;padding:0 12px;white-space:pre-wrap">
            <strong>{t('recognition.mail.quoteBy', { name: v.actorName })}</strong> {v.message}
          </blockquote>
        )}
        <Button href={v.link} label={t('recognition.mail.button')} />
      </Layout>,
    ),
  };
}
