import type { Hono } from 'hono';
import { notFound } from '../../../domain/errors.ts';
import { formatMoney } from '../../../domain/money.ts';
import { DEFAULT_LOCALE, translator } from '../../../web/i18n/i18n.ts';
import { instructionWords, storedInstructions } from '../instructions.ts';
import { earnersApplication } from '../../earning/index.ts';
import { requireActor } from '../../accounts/index.ts';
import { submitProof, uploadCertificate } from '../commands/certificate.ts';
import { approveProofApplication, rejectProofApplication } from '../commands/decideProof.ts';
import { markPaymentPaid, refundPayment } from '../commands/feePayments.ts';
import { currentPayment, proofQueue } from '../queries.ts';
import type { AppEnv } from '../../../http/env.ts';
import { jsonBody } from '../../../http/jsonBody.ts';
import type { OrganisationActor } from '../../../domain/commands.ts';
import { actor, certificateFrom, type C } from './routeHelpers.ts';
import { apiCaller } from '../../../http/apiTokens.ts';
import { publicIdParam, routeParams, slugParam } from '../../../http/params.ts';
import { z } from 'zod';

const onStaffThing = z.object({ slug: slugParam, id: publicIdParam });
const onApplication = z.object({ id: publicIdParam });

/** A queue row's fee amount as the JSON API writes it ("USD 25.00"), or "—" when there is none. */
const money = (p: { amount_minor: number | null; currency: string | null }) =>
  p.amount_minor === null || p.currency === null ? '—' : formatMoney(p.amount_minor, p.currency);

/** A JSON body's fields when it is an object, else none (the command's schema reports what is missing). */
const fieldsOf = (body: unknown): Record<string, unknown> =>
  body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};

/** An application's fee payment, as the JSON API shows it. */
function presentPayment(p: {
  public_id: string;
  invoice_number: string;
  amount_minor: number;
  currency: string;
  state: string;
  provider: string;
  provider_reference: string | null;
  instructions: string;
  instruction_facts: unknown;
  paid_at: Date | null;
  refunded_at: Date | null;
  refund_reference: string | null;
}) {
  return {
    id: p.public_id,
    invoiceNumber: p.invoice_number,
    amountMinor: p.amount_minor,
    currency: p.currency,
    amount: formatMoney(p.amount_minor, p.currency),
    state: p.state,
    provider: p.provider,
    reference: p.provider_reference,
    instructions: instructionWords(translator(DEFAULT_LOCALE), storedInstructions(p)),
    paidAt: p.paid_at?.toISOString() ?? null,
    refundedAt: p.refunded_at?.toISOString() ?? null,
    refundReference: p.refund_reference,
  };
}

/** One row of the staff queue, as the JSON API shows it. */
function presentQueueRow(a: Awaited<ReturnType<typeof proofQueue>>[number]) {
  return {
    id: a.public_id,
    status: a.status,
    title: a.title,
    earner: a.earner_name,
    program: a.proof_program,
    certificate: a.file_id,
    payment: a.payment_id
      ? { id: a.payment_id, invoiceNumber: a.invoice_number, state: a.payment_state, amount: money(a) }
      : null,
  };
}

/** The proof-and-fees pages over JSON (session with the CSRF header, or a bearer token). */
export function proofAndFeesApiRoutes(r: Hono<AppEnv>) {
  earnerApiRoutes(r);
  staffApiRoutes(r);
}

/** The earner's certificate, submission and payment over JSON. */
function earnerApiRoutes(r: Hono<AppEnv>) {
  r.post('/api/v1/applications/:id/certificate', async (c) => {
    const { id } = routeParams(c, onApplication);
    const file = await certificateFrom(c);
    return c.json(await uploadCertificate(c.var.deps, { actor: actor(c), application: id, file }), 201);
  });
  r.post('/api/v1/applications/:id/proof/submit', async (c) => {
    const { id } = routeParams(c, onApplication);
    return c.json(await submitProof(c.var.deps, { actor: actor(c), application: id }));
  });
  r.get('/api/v1/applications/:id/payment', async (c) => {
    const { id } = routeParams(c, onApplication);
    const app = await earnersApplication(c.var.deps.db, actor(c).userId, id);
    const p = await currentPayment(c.var.deps.db, app.id);
    if (!p) throw notFound('applicationPayment');
    return c.json(presentPayment(p));
  });
}

/** The staff queue and its decisions over JSON. */
function staffApiRoutes(r: Hono<AppEnv>) {
  r.get('/api/v1/orgs/:slug/proof-queue', async (c) => {
    const { slug } = routeParams(c, z.object({ slug: slugParam }));
    const { organisation } = await requireActor(c.var.deps.db, slug, await apiCaller(c), 'applications.read');
    const rows = await proofQueue(
      c.var.deps.db,
      organisation.id,
      c.req.query('decided') === 'true' ? 'decided' : 'open',
    );
    return c.json({
      applications: rows.map(presentQueueRow),
    });
  });
  /** Staff decide: who acts (a member, or the organisation's API token) is known before the body is read. */
  const decided = async (
    c: C,
    run: (
      at: { actor: OrganisationActor; orgSlug: string; id: string },
      body: Record<string, unknown>,
    ) => Promise<unknown>,
  ) => {
    const { slug, id } = routeParams(c, onStaffThing);
    const who = await apiCaller(c);
    const result = await run({ actor: who, orgSlug: slug, id }, fieldsOf(await jsonBody(c)));
    return c.json(result ?? { ok: true });
  };
  // The body comes first: what the path says and who acts always win over it.
  r.post('/api/v1/orgs/:slug/applications/:id/approve', async (c) =>
    decided(c, ({ actor, orgSlug, id }, body) =>
      approveProofApplication(c.var.deps, { ...body, actor, orgSlug, application: id }),
    ),
  );
  r.post('/api/v1/orgs/:slug/applications/:id/reject', async (c) =>
    decided(c, ({ actor, orgSlug, id }, body) =>
      rejectProofApplication(c.var.deps, { ...body, actor, orgSlug, application: id }),
    ),
  );
  r.post('/api/v1/orgs/:slug/payments/:id/mark-paid', async (c) =>
    decided(c, ({ actor, orgSlug, id }, body) =>
      markPaymentPaid(c.var.deps, { ...body, actor, orgSlug, payment: id }),
    ),
  );
  r.post('/api/v1/orgs/:slug/payments/:id/refund', async (c) =>
    decided(c, ({ actor, orgSlug, id }, body) =>
      refundPayment(c.var.deps, { ...body, actor, orgSlug, payment: id }),
    ),
  );
}
