import { Button, Layout, html, type RenderedMail } from '../../mail/templates.tsx';
import { DEFAULT_LOCALE, translator, type Locale } from '../../web/i18n/i18n.ts';

// Credit's emails, in the recipient's language: `locale` is the person's saved language when
// there is one (the caller passes it), English otherwise.

/** One line of a recognizer's daily digest. */
export interface DigestLine {
  /** The earner's address; null when the credential names none. */
  earner: string | null;
  achievement: string;
  issuer: string;
  licensed: boolean;
}

/** The daily summary of new completion notices for a program's officers. */
export function noticeDigestMail(v: {
  organisationName: string;
  programName: string;
  lines: DigestLine[];
  link: string;
  locale?: Locale;
}): RenderedMail {
  const lang = v.locale ?? DEFAULT_LOCALE;
  const { t } = translator(lang);
  const subject = t('credit.mail.digest.subject', { count: v.lines.length, program: v.programName });
  const intro = t('credit.mail.digest.intro', { organisation: v.organisationName, summary: subject });
  const describe = (l: DigestLine) =>
    t(l.licensed ? 'credit.mail.digest.line' : 'credit.mail.digest.lineUnlicensed', {
      earner: l.earner ?? t('credit.mail.digest.someone'),
      achievement: l.achievement,
      issuer: l.issuer,
    });
  const open = t('credit.mail.digest.open');
  const reason = t('credit.mail.digest.reason', { program: v.programName });
  const text = [
    intro,
    '',
    ...v.lines.map((l) => `- ${describe(l)}`),
    '',
    `${open}: ${v.link}`,
    '',
    reason,
  ].join('\n');
  const body = (
    <Layout title={subject} reason={reason} lang={lang}>
      <p>{intro}</p>
      <ul>
        {v.lines.map((l) => (
          <li>{describe(l)}</li>
        ))}
      </ul>
      <Button href={v.link} label={open} />
    </Layout>
  );
  return { template: 'recognition.digest', subject, text, html: html(body) };
}

/** To the earner: a recognizer confirmed their license link, or rejected it with the reason. */
export function licenseDecisionMail(v: {
  name: string;
  recognizerName: string;
  programName: string;
  licenseNumber: string;
  confirmed: boolean;
  reason: string;
  link: string;
  locale?: Locale;
}): RenderedMail {
  const lang = v.locale ?? DEFAULT_LOCALE;
  const { t } = translator(lang);
  const values = {
    recognizer: v.recognizerName,
    number: v.licenseNumber,
    program: v.programName,
    reason: v.reason,
  };
  const subject = t(
    v.confirmed ? 'credit.mail.license.confirmedSubject' : 'credit.mail.license.rejectedSubject',
    values,
  );
  const lead = v.confirmed
    ? t('credit.mail.license.confirmedLead', values)
    : t(v.reason ? 'credit.mail.license.rejectedLeadWithReason' : 'credit.mail.license.rejectedLead', values);
  const reason = t('credit.mail.license.reason');
  const hello = t('credit.mail.license.hello', { name: v.name });
  const yours = t('credit.mail.license.yourLicenses');
  const text = [hello, '', lead, '', `${yours}: ${v.link}`, '', reason].join('\n');
  const body = (
    <Layout title={subject} reason={reason} lang={lang}>
      <p>{hello}</p>
      <p>{lead}</p>
      <Button href={v.link} label={t('credit.mail.license.button')} />
    </Layout>
  );
  return {
    template: v.confirmed ? 'license.confirmed' : 'license.rejected',
    subject,
    text,
    html: html(body),
  };
}
