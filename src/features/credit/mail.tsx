import { Button, Layout, html, type RenderedMail } from '../../mail/templates.tsx';

/** One line of a recognizer's daily digest. */
export interface DigestLine {
  earner: string;
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
}): RenderedMail {
  const subject = `${v.lines.length} new completion notice${v.lines.length === 1 ? '' : 's'} for ${v.programName}`;
  const describe = (l: DigestLine) =>
    `${l.earner} completed “${l.achievement}” (${l.issuer})${l.licensed ? '' : ' — no confirmed license yet'}`;
  const text = [
    `${v.organisationName}: ${subject}.`,
    '',
    ...v.lines.map((l) => `- ${describe(l)}`),
    '',
    `Open the inbox: ${v.link}`,
    '',
    `You receive this daily digest because ${v.programName} sends one to its recognition officers.`,
  ].join('\n');
  const body = (
    <Layout
      title={subject}
      reason={`You receive this daily digest because ${v.programName} sends one to its recognition officers.`}
    >
      <p>
        {v.organisationName}: {subject}.
      </p>
      <ul>
        {v.lines.map((l) => (
          <li>{describe(l)}</li>
        ))}
      </ul>
      <Button href={v.link} label="Open the inbox" />
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
}): RenderedMail {
  const subject = v.confirmed
    ? `${v.recognizerName} confirmed your license ${v.licenseNumber}`
    : `${v.recognizerName} could not confirm your license ${v.licenseNumber}`;
  const lead = v.confirmed
    ? `${v.recognizerName} confirmed license ${v.licenseNumber} for ${v.programName}: credit for recognized micro-credentials now counts toward your renewal.`
    : `${v.recognizerName} could not match license ${v.licenseNumber} for ${v.programName}${v.reason ? `: ${v.reason}` : '.'} Check the number and link it again.`;
  const reason = 'You receive this because you linked a license to a recognition program on Cairn.';
  const text = [`Hello ${v.name},`, '', lead, '', `Your licenses: ${v.link}`, '', reason].join('\n');
  const body = (
    <Layout title={subject} reason={reason}>
      <p>Hello {v.name},</p>
      <p>{lead}</p>
      <Button href={v.link} label="See your licenses" />
    </Layout>
  );
  return {
    template: v.confirmed ? 'license.confirmed' : 'license.rejected',
    subject,
    text,
    html: html(body),
  };
}
