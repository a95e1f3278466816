/**
 * What the fee and proof-of-completion commands answer: English for the JSON API, recognised and
 * re-said on pages. A payment's or an application's state is part of the sentence, one per state.
 */
export const paymentErrors = {
  unknownProvider: 'This payment was made through “{name}”, which this server is not configured for.',
  noStatusUpdates: 'The manual invoice provider takes no status updates; staff mark invoices paid.',
  reference: 'Enter the payment reference (transfer or cheque number).',
  processorConfirms: 'This payment is confirmed by its payment processor, not by staff.',
  /** Marking paid an invoice that is not awaiting payment, by its state. */
  notPending: {
    paid: 'Invoice {invoice} is paid, not waiting for payment.',
    refunded: 'Invoice {invoice} is refunded, not waiting for payment.',
    cancelled: 'Invoice {invoice} is cancelled, not waiting for payment.',
  },
  changedMeanwhile: 'Someone else changed this payment; reload and try again.',
  refundReason: 'Write why the fee is refunded.',
  /** Refunding an invoice that is not paid, by its state. */
  notPaid: {
    pending: 'Only a paid invoice can be refunded; invoice {invoice} is pending.',
    refunded: 'Only a paid invoice can be refunded; invoice {invoice} is refunded.',
    cancelled: 'Only a paid invoice can be refunded; invoice {invoice} is cancelled.',
  },
  notProof: 'This application does not take a certificate of completion.',
  notProofEarned: 'This application is not earned with a certificate of completion.',
  chooseCertificate: 'Choose your certificate of completion (a PDF or an image).',
  certificateSize: 'Certificates are limited to {max} MB.',
  certificateType: 'Upload the certificate as a PDF, PNG or JPEG file.',
  uploadBeforeSubmit: 'Upload your certificate of completion before submitting.',
  alreadyApproved: 'This application has already been approved.',
  notWaitingDetail:
    'This application is not waiting for a decision (the earner has not submitted a certificate, or it was decided or withdrawn).',
  notWaiting: 'This application is not waiting for a decision.',
  noCertificateToApprove: 'There is no submitted certificate to approve.',
  noCertificateToReject: 'There is no submitted certificate to reject.',
  /** Approving while the fee is not paid, by the payment's state. */
  feeUnpaid: {
    pending:
      'The fee has not been paid: invoice {invoice} ({amount}) is pending. Mark it paid before approving; the badge can only be issued after payment.',
    refunded:
      'The fee has not been paid: invoice {invoice} ({amount}) is refunded. Mark it paid before approving; the badge can only be issued after payment.',
    cancelled:
      'The fee has not been paid: invoice {invoice} ({amount}) is cancelled. Mark it paid before approving; the badge can only be issued after payment.',
  },
  decidedMeanwhile: 'Someone else decided this application a moment ago; reload the queue.',
  reasons: 'Write the reasons for the earner.',
  ownApplication: 'You cannot decide your own application.',
  ownPaymentPaid: 'You cannot mark your own payment paid; ask another member of staff.',
  ownRefund: 'You cannot refund your own payment; ask another member of staff.',
};
