import { Button, Layout, html, type RenderedMail } from '../../mail/templates.tsx';

const REASON = 'You received this because you applied for this micro-credential on Cairn.';

function mail(
  template: string,
  subject: string,
  name: string,
  paragraphs: string[],
  link: { href: string; label: string },
): RenderedMail {
  return {
    template,
    subject,
    text: `Hello ${name},\n\n${paragraphs.join('\n\n')}\n\n${link.label}: ${link.href}\n\n${REASON}\n`,
    html: html(
      <Layout title={subject} reason={REASON}>
        <p>Hello {name},</p>
        {paragraphs.map((p) => (
          <p>{p}</p>
        ))}
        <Button href={link.href} label={link.label} />
      </Layout>,
    ),
  };
}

/** The invoice for an application fee, with how to pay it. */
export function invoiceMail(v: {
  name: string;
  title: string;
  invoiceNumber: string;
  amount: string;
  instructions: string;
  link: string;
}): RenderedMail {
  return mail(
    'payment_invoice',
    `Invoice ${v.invoiceNumber}: ${v.amount} for “${v.title}”`,
    v.name,
    [
      `Thank you for applying for “${v.title}”. The application fee is ${v.amount}.`,
      v.instructions,
      'Your application is reviewed once you have uploaded your certificate of completion; the badge is issued after the fee is paid and your certificate is approved.',
    ],
    { href: v.link, label: 'View the invoice' },
  );
}

/** The receipt once staff mark the invoice paid. */
export function receiptMail(v: {
  name: string;
  title: string;
  invoiceNumber: string;
  amount: string;
  reference: string;
  paidOn: string;
  link: string;
}): RenderedMail {
  return mail(
    'payment_receipt',
    `Receipt for invoice ${v.invoiceNumber} (${v.amount})`,
    v.name,
    [
      `We received your payment of ${v.amount} for “${v.title}” on ${v.paidOn} (reference ${v.reference}).`,
      'Keep this receipt for your records; you can print it from the link below.',
    ],
    { href: v.link, label: 'View and print the receipt' },
  );
}

/** Approved: the badge is being issued. */
export function proofApprovedMail(v: { name: string; title: string; link: string }): RenderedMail {
  return mail(
    'proof_approved',
    `You earned “${v.title}”`,
    v.name,
    [
      `Your certificate of completion for “${v.title}” has been approved. Your badge is being issued now and will appear in your applications.`,
    ],
    { href: v.link, label: 'See your application' },
  );
}

/** Rejected, with the reasons and what happens to the fee. */
export function proofRejectedMail(v: {
  name: string;
  title: string;
  reasons: string;
  feeNote: string;
  link: string;
}): RenderedMail {
  return mail(
    'proof_rejected',
    `Your application for “${v.title}” was not approved`,
    v.name,
    [
      `Your application for “${v.title}” was not approved, for these reasons:`,
      v.reasons,
      v.feeNote,
      'You may apply again with a certificate from a pre-approved program.',
    ],
    {
      href: v.link,
      label: 'See your application',
    },
  );
}

/** A refund was recorded. */
export function refundMail(v: {
  name: string;
  title: string;
  invoiceNumber: string;
  amount: string;
  reference: string;
  link: string;
}): RenderedMail {
  return mail(
    'payment_refunded',
    `Refund of ${v.amount} (invoice ${v.invoiceNumber})`,
    v.name,
    [`Your fee of ${v.amount} for “${v.title}” has been refunded (reference ${v.reference}).`],
    { href: v.link, label: 'View the invoice' },
  );
}
