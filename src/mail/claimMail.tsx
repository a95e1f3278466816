import type { Child } from 'hono/jsx';
import type { RenderedMail } from './templates.tsx';

// The emails of claiming an issued badge; same look as mail/templates.tsx (HTML + plain text).

function Layout({ title, children, reason }: { title: string; children: Child; reason: string }) {
  return (
    <html lang="en">
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

function Button({ href, label }: { href: string; label: string }) {
  return (
    <p style="margin:24px 0">
      <a href={href} style="background:#1f5f8b;color:#ffffff;padding:10px 18px;border-radius:6px;text-decoration:none;display:inline-block">
        {label}
      </a>
    </p>
  );
}

export interface ClaimMailData {
  /** The account holder's name when the address already belongs to an account. */
  name: string | null;
  badgeName: string;
  issuerName: string;
  link: string;
  expiresInDays: number;
}

const reason = (issuerName: string) =>
  `You received this because ${issuerName} issued a badge to this address through Cairn. If it is not meant for you, ignore this email or decline the badge on the page the link opens.`;

/** Tells an earner a badge was issued to them, with the link to claim it. */
export function claimOfferMail(v: ClaimMailData): RenderedMail {
  const subject = `${v.issuerName} awarded you ${v.badgeName}`;
  const hello = v.name ? `Hello ${v.name},` : 'Hello,';
  const lead = `${v.issuerName} awarded you the badge “${v.badgeName}”. Claim it to keep it in your Cairn account and share it.`;
  const validity = `The link works for ${v.expiresInDays} days; after that, open it to get a fresh one.`;
  return {
    template: 'claim_offer',
    subject,
    text: `${hello}\n\n${lead}\n\nClaim your badge: ${v.link}\n\n${validity}\n\n${reason(v.issuerName)}\n`,
    html: `<!doctype html>${String(
      <Layout title={subject} reason={reason(v.issuerName)}>
        <p>{hello}</p>
        <p>{lead}</p>
        <Button href={v.link} label="Claim your badge" />
        <p style="color:#5a6478;font-size:14px">
          {validity} If the button does not work, paste this address into your browser: {v.link}
        </p>
      </Layout>,
    )}`,
  };
}

/** Reminds an earner, once, of a badge still waiting to be claimed. */
export function claimReminderMail(v: ClaimMailData): RenderedMail {
  const subject = `Reminder: your badge ${v.badgeName} is waiting`;
  const hello = v.name ? `Hello ${v.name},` : 'Hello,';
  const lead = `${v.issuerName} awarded you the badge “${v.badgeName}”, and it is still waiting for you to accept it.`;
  const validity = `The link works for ${v.expiresInDays} more days.`;
  return {
    template: 'claim_reminder',
    subject,
    text: `${hello}\n\n${lead}\n\nClaim your badge: ${v.link}\n\n${validity}\n\n${reason(v.issuerName)}\n`,
    html: `<!doctype html>${String(
      <Layout title={subject} reason={reason(v.issuerName)}>
        <p>{hello}</p>
        <p>{lead}</p>
        <Button href={v.link} label="Claim your badge" />
        <p style="color:#5a6478;font-size:14px">
          {validity} If the button does not work, paste this address into your browser: {v.link}
        </p>
      </Layout>,
    )}`,
  };
}
