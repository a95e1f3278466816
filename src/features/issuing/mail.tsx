import { Button, Layout, html, type RenderedMail } from '../../mail/templates.tsx';

// The emails of claiming an issued badge (HTML + plain text, the layout of mail/templates.tsx).

export interface ClaimMailData {
  /** The account holder's name when the address already belongs to an account. */
  name: string | null;
  badgeName: string;
  issuerName: string;
  link: string;
  expiresInDays: number;
}

/** The one shape of both claim emails; only the template, subject and wording differ. */
function claimMail(
  v: ClaimMailData,
  wording: { template: string; subject: string; lead: string; validity: string },
): RenderedMail {
  const { template, subject, lead, validity } = wording;
  const hello = v.name ? `Hello ${v.name},` : 'Hello,';
  const reason = `You received this because ${v.issuerName} issued a badge to this address through Cairn. If it is not meant for you, ignore this email or decline the badge on the page the link opens.`;
  return {
    template,
    subject,
    text: `${hello}\n\n${lead}\n\nClaim your badge: ${v.link}\n\n${validity}\n\n${reason}\n`,
    html: html(
      <Layout title={subject} reason={reason}>
        <p>{hello}</p>
        <p>{lead}</p>
        <Button href={v.link} label="Claim your badge" />
        <p style="color:#5a6478;font-size:14px">
          {validity} If the button does not work, paste this address into your browser: {v.link}
        </p>
      </Layout>,
    ),
  };
}

/** Tells an earner a badge was issued to them, with the link to claim it. */
export function claimOfferMail(v: ClaimMailData): RenderedMail {
  return claimMail(v, {
    template: 'claim_offer',
    subject: `${v.issuerName} awarded you ${v.badgeName}`,
    lead: `${v.issuerName} awarded you the badge “${v.badgeName}”. Claim it to keep it in your Cairn account and share it.`,
    validity: `The link works for ${v.expiresInDays} days; after that, open it to get a fresh one.`,
  });
}

/** Reminds an earner, once, of a badge still waiting to be claimed. */
export function claimReminderMail(v: ClaimMailData): RenderedMail {
  return claimMail(v, {
    template: 'claim_reminder',
    subject: `Reminder: your badge ${v.badgeName} is waiting`,
    lead: `${v.issuerName} awarded you the badge “${v.badgeName}”, and it is still waiting for you to accept it.`,
    validity: `The link works for ${v.expiresInDays} more days.`,
  });
}
