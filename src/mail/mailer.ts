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
  // Bounded SMTP waits (nodemailer's defaults allow minutes), well inside the outbox's sending claim.
  // SMTP_URL's own query (e.g. ?tls.rejectUnauthorized=false) is kept; the timeouts are added when absent.
  const url = new URL(smtpUrl);
  for (const [key, ms] of [
    ['connectionTimeout', 30_000],
    ['greetingTimeout', 30_000],
    ['socketTimeout', 60_000],
  ] as const) {
    if (!url.searchParams.has(key)) url.searchParams.set(key, String(ms));
  }
  const transport = nodemailer.createTransport(url.toString());
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
