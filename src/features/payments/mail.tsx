import { Button, Layout, html, type RenderedMail } from '../../mail/templates.tsx';
import { DEFAULT_LOCALE, translator, type Locale, type Translator } from '../../web/i18n/i18n.ts';
import { moneyWords } from './moneyWords.ts';

// The fee and proof-of-completion emails, in the recipient's language: `locale` is the earner's
// saved language when there is one (the caller passes it), English otherwise.

/** An amount of money: integer minor units of an ISO 4217 currency. */
interface Money {
  amountMinor: number;
  currency: string;
}

/** Who a mail is for, and the language it is written in. */
interface Recipient {
  name: string;
  locale?: Locale;
  /** The translator to write with (a test passes the pseudo one); by default, `locale`'s. */
  i18n?: Translator;
}

const translatorFor = (v: Recipient): Translator => v.i18n ?? translator(v.locale ?? DEFAULT_LOCALE);

function mail(
  { t, locale }: Translator,
  template: string,
  v: { subject: string; name: string },
  paragraphs: string[],
  link: { href: string; label: string },
): RenderedMail {
  const hello = t('payments.mail.hello', { name: v.name });
  const reason = t('payments.mail.reason');
  return {
    template,
    subject: v.subject,
    text: `${hello}\n\n${paragraphs.join('\n\n')}\n\n${link.label}: ${link.href}\n\n${reason}\n`,
    html: html(
      <Layout title={v.subject} reason={reason} lang={locale}>
        <p>{hello}</p>
        {paragraphs.map((p) => (
          <p>{p}</p>
        ))}
        <Button href={link.href} label={link.label} />
      </Layout>,
    ),
  };
}

/** The invoice for an application fee, with how to pay it. */
export function invoiceMail(
  v: Money &
    Recipient & {
      title: string;
      invoiceNumber: string;
      instructions: string;
      link: string;
    },
): RenderedMail {
  const tr = translatorFor(v);
  const { t } = tr;
  const values = {
    title: v.title,
    invoice: v.invoiceNumber,
    amount: moneyWords(tr.number, v.amountMinor, v.currency),
  };
  return mail(
    tr,
    'payment_invoice',
    { subject: t('payments.mail.invoice.subject', values), name: v.name },
    [t('payments.mail.invoice.thanks', values), v.instructions, t('payments.mail.invoice.next')],
    { href: v.link, label: t('payments.mail.invoice.button') },
  );
}

/** The receipt once staff mark the invoice paid. */
export function receiptMail(
  v: Money &
    Recipient & {
      title: string;
      invoiceNumber: string;
      reference: string;
      paidOn: Date;
      link: string;
    },
): RenderedMail {
  const tr = translatorFor(v);
  const { t } = tr;
  const values = {
    title: v.title,
    invoice: v.invoiceNumber,
    amount: moneyWords(tr.number, v.amountMinor, v.currency),
    reference: v.reference,
    date: tr.date(v.paidOn),
  };
  return mail(
    tr,
    'payment_receipt',
    { subject: t('payments.mail.receipt.subject', values), name: v.name },
    [t('payments.mail.receipt.lead', values), t('payments.mail.receipt.keep')],
    { href: v.link, label: t('payments.mail.receipt.button') },
  );
}

/** Approved: the badge is being issued. */
export function proofApprovedMail(v: Recipient & { title: string; link: string }): RenderedMail {
  const tr = translatorFor(v);
  const { t } = tr;
  return mail(
    tr,
    'proof_approved',
    { subject: t('payments.mail.approved.subject', { title: v.title }), name: v.name },
    [t('payments.mail.approved.lead', { title: v.title })],
    { href: v.link, label: t('payments.mail.approved.button') },
  );
}

/** What happens to the fee of a rejected application: there was none, it was paid, or its invoice is cancelled. */
export type RejectedFee =
  | { kind: 'none' }
  | (Money & { kind: 'paid'; invoiceNumber: string; organisation: string })
  | { kind: 'cancelled'; invoiceNumber: string };

function feeNote(tr: Translator, fee: RejectedFee): string {
  if (fee.kind === 'none') return tr.t('payments.mail.rejected.noFee');
  if (fee.kind === 'cancelled')
    return tr.t('payments.mail.rejected.feeCancelled', { invoice: fee.invoiceNumber });
  return tr.t('payments.mail.rejected.feePaid', {
    amount: moneyWords(tr.number, fee.amountMinor, fee.currency),
    invoice: fee.invoiceNumber,
    organisation: fee.organisation,
  });
}

/** Rejected, with the reasons and what happens to the fee. */
export function proofRejectedMail(
  v: Recipient & { title: string; reasons: string; fee: RejectedFee; link: string },
): RenderedMail {
  const tr = translatorFor(v);
  const { t } = tr;
  return mail(
    tr,
    'proof_rejected',
    { subject: t('payments.mail.rejected.subject', { title: v.title }), name: v.name },
    [
      t('payments.mail.rejected.lead', { title: v.title }),
      v.reasons,
      feeNote(tr, v.fee),
      t('payments.mail.rejected.again'),
    ],
    { href: v.link, label: t('payments.mail.rejected.button') },
  );
}

/** A refund was recorded. */
export function refundMail(
  v: Money &
    Recipient & {
      title: string;
      invoiceNumber: string;
      reference: string;
      link: string;
    },
): RenderedMail {
  const tr = translatorFor(v);
  const { t } = tr;
  const values = {
    title: v.title,
    invoice: v.invoiceNumber,
    amount: moneyWords(tr.number, v.amountMinor, v.currency),
    reference: v.reference,
  };
  return mail(
    tr,
    'payment_refunded',
    { subject: t('payments.mail.refund.subject', values), name: v.name },
    [t('payments.mail.refund.lead', values)],
    { href: v.link, label: t('payments.mail.refund.button') },
  );
}
