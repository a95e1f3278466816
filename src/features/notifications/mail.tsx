import { Button, Layout, html, type RenderedMail } from '../../mail/templates.tsx';
import { licenseDecisionMail } from '../credit/index.ts';
import { presentNotification } from './present.ts';

const settingsReason = (publicUrl: string) =>
  `You receive this because of your notification settings on Cairn. Choose what is emailed to you: ${publicUrl}/inbox/settings`;

/** One notification by email, linking to the page where the work is done. */
export function notificationMail(v: {
  publicUrl: string;
  name: string;
  kind: string;
  data: Record<string, unknown>;
}): RenderedMail {
  const p = presentNotification(v.kind, v.data);
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
    });
  }
  const reason = settingsReason(v.publicUrl);
  const text = [`Hello ${v.name},`, '', p.body, '', `${p.linkLabel}: ${link}`, '', reason].join('\n');
  const body = (
    <Layout title={p.title} reason={reason}>
      <p>Hello {v.name},</p>
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
}): RenderedMail {
  const lines = v.items.map((i) => presentNotification(i.kind, i.data));
  const subject = `Your Cairn digest: ${lines.length} update${lines.length === 1 ? '' : 's'}`;
  const reason = settingsReason(v.publicUrl);
  const text = [
    `Hello ${v.name},`,
    '',
    `Here is what happened since your last digest:`,
    '',
    ...lines.map((l) => `- ${l.title}\n  ${l.body}\n  ${v.publicUrl}${l.link}`),
    '',
    `Your inbox: ${v.publicUrl}/inbox`,
    '',
    reason,
  ].join('\n');
  const body = (
    <Layout title={subject} reason={reason}>
      <p>Hello {v.name},</p>
      <p>Here is what happened since your last digest:</p>
      <ul>
        {lines.map((l) => (
          <li>
            <a href={`${v.publicUrl}${l.link}`}>{l.title}</a> — {l.body}
          </li>
        ))}
      </ul>
      <Button href={`${v.publicUrl}/inbox`} label="Open your inbox" />
    </Layout>
  );
  return { template: 'notification.digest', subject, text, html: html(body) };
}
