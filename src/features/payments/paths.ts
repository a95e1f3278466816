/**
 * Typed paths of the proof-and-fees pages: build links, form actions and redirects with these,
 * never by hand. Segments are encoded, so a public id or slug can never break out of its place.
 * (An application's own page is earning's: `earningPaths.application`.)
 */
const seg = (s: string) => encodeURIComponent(s);
const queue = (orgSlug: string) => `/orgs/${seg(orgSlug)}/proof-queue`;
const payment = (orgSlug: string, id: string) => `/orgs/${seg(orgSlug)}/payments/${seg(id)}`;

export const paymentPaths = {
  /** The earner's forms on a proof-of-completion application. */
  certificate: (application: string) => `/applications/${seg(application)}/certificate`,
  proofSubmit: (application: string) => `/applications/${seg(application)}/proof/submit`,
  /** A fee's printable invoice or receipt (the earner and the organisation's staff). */
  receipt: (paymentId: string) => `/payments/${seg(paymentId)}/receipt`,
  /** Staff: the queue and its decisions, marking a fee paid and refunding it. */
  proofQueue: queue,
  approve: (orgSlug: string, application: string) => `${queue(orgSlug)}/${seg(application)}/approve`,
  reject: (orgSlug: string, application: string) => `${queue(orgSlug)}/${seg(application)}/reject`,
  markPaid: (orgSlug: string, paymentId: string) => `${payment(orgSlug, paymentId)}/mark-paid`,
  refund: (orgSlug: string, paymentId: string) => `${payment(orgSlug, paymentId)}/refund`,
} as const;
