import { Button, Layout, html, type RenderedMail } from './templates.tsx';

/** One line of a recognizer's daily digest. */
export interface DigestLine {
  earner: string;
  achievement: string;
  issuer: string;
  licensed: boolean;
}

/** The daily summary of new completion notices for a program's officers. */
export function noticeDigestMail(v: { organisationName: string; programName: string; lines: DigestLine[]; link: string }): RenderedMail {
  const subject = `${v.lines.length} new completion notice${v.lines.length === 1 ? '' : 's'} for ${v.programName}`;
  const describe = (l: DigestLine) => `${l.earner} completed “${l.achievement}” (${l.issuer})${l.licensed ? '' : ' — no confirmed license yet'}`;
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
    <Layout title={subject} reason={`You receive this daily digest because ${v.programName} sends one to its recognition officers.`}>
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
