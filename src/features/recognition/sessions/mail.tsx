import { Button, Layout, html, type RenderedMail } from '../../../mail/templates.tsx';

// The invitation a provider's attendee gets (program A), in the layout of mail/templates.tsx.

export interface InvitationMailData {
  name: string;
  sessionTitle: string;
  providerName: string;
  councilName: string;
  badgeTitle: string;
  /** The catalog page of the badge with the session chosen in its application form. */
  link: string;
}

/** An attendee of a pre-approved session is invited to apply to the council for the badge. */
export function invitationMail(v: InvitationMailData): RenderedMail {
  const subject = `Apply for the “${v.badgeTitle}” badge: you attended ${v.sessionTitle}`;
  const lead = `${v.providerName} lists you as an attendee of “${v.sessionTitle}”, a session ${v.councilName} pre-approved. You can apply to ${v.councilName} for the “${v.badgeTitle}” badge: upload your certificate of completion and pay the council’s fee.`;
  const reason = `You received this because ${v.providerName} put this address on the session’s roster. If you did not attend, ignore this email.`;
  return {
    template: 'ce_session_invitation',
    subject,
    text: `Hello ${v.name},\n\n${lead}\n\nApply: ${v.link}\n\nThe session is already chosen on that page.\n\n${reason}\n`,
    html: html(
      <Layout title={subject} reason={reason}>
        <p>Hello {v.name},</p>
        <p>{lead}</p>
        <Button href={v.link} label="Apply for the badge" />
        <p style="color:#5a6478;font-size:14px">
          The session is already chosen on that page. If the button does not work, paste this address into
          your browser: {v.link}
        </p>
      </Layout>,
    ),
  };
}
