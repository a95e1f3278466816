import nodemailer from 'nodemailer';

/** One message ready to hand to a mail server. */
export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** Sends mail. `delivers` is false when there is no mail server and mail stays in the outbox. */
export interface Mailer {
  readonly delivers: boolean;
  send(mail: OutgoingMail): Promise<{ messageId: string }>;
}

/** A mailer that talks SMTP to SMTP_URL through nodemailer. */
export function smtpMailer(smtpUrl: string): Mailer {
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    delivers: true,
    async send(mail) {
      const info = await transport.sendMail(mail);
      return { messageId: info.messageId };
    },
  };
}

/** Without a mail server, messages are kept in the outbox table (shown at /dev/mailbox). */
export const outboxOnlyMailer: Mailer = {
  delivers: false,
  async send() {
    throw new Error('No SMTP_URL is configured; mail is kept in the outbox');
  },
};

/** The mailer for a configuration. */
export function createMailer(smtpUrl: string | null): Mailer {
  return smtpUrl ? smtpMailer(smtpUrl) : outboxOnlyMailer;
}
