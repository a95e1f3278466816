import { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import { earningPaths } from '../../earning/index.ts';
import { submitProof, uploadCertificate } from '../commands/certificate.ts';
import { approveProofApplication, rejectProofApplication } from '../commands/decideProof.ts';
import { markPaymentPaid, refundPayment } from '../commands/feePayments.ts';
import type { AppEnv } from '../../../http/env.ts';
import { publicIdParam, routeParams, slugParam } from '../../../http/params.ts';
import { emptyForm, type FormState } from '../../../web/forms.tsx';
import { requestTranslator } from '../../../web/preferences.ts';
import { formFields, handleForm, page, redirectWith } from '../../../web/render.tsx';
import { paymentPaths } from '../paths.ts';
import { loadProofApplication, loadQueue, loadReceipt } from './proofLoaders.ts';
import { ProofApplicationView, ReceiptView, receiptTitle } from './proofViews.tsx';
import { QueueView } from './queueViews.tsx';
import { actor, certificateFrom, type C } from './routeHelpers.ts';
import { proofAndFeesApiRoutes } from './proofAndFeesApi.ts';

const onApplication = z.object({ id: publicIdParam });

/** The earner's page of a proof-of-completion application (its loader and view, rendered). */
export async function proofApplicationPage(
  c: C,
  form: FormState = emptyForm,
  status: ContentfulStatusCode = 200,
) {
  const { id } = routeParams(c, onApplication);
  const model = await loadProofApplication(c.var.deps.db, actor(c).userId, id, c.var.deps.clock.now());
  return page(
    c,
    model.title,
    <ProofApplicationView model={model} form={form} csrfToken={c.var.csrfToken} />,
    status,
  );
}

/** The staff's proof-and-fees queue of an organisation (its loader and view, rendered). */
async function queuePage(
  c: C,
  form: FormState = emptyForm,
  formFor = '',
  status: ContentfulStatusCode = 200,
) {
  const { slug } = routeParams(c, z.object({ slug: slugParam }));
  const model = await loadQueue(c.var.deps.db, actor(c).userId, slug, { form, formFor });
  return page(
    c,
    requestTranslator(c).t('payments.queue.title'),
    <QueueView model={model} csrfToken={c.var.csrfToken} />,
    status,
  );
}

/** Earners upload certificates and read invoices; staff decide from the queue, mark invoices paid and refund. HTML and JSON. */
export function proofAndFeesRoutes() {
  const r = new Hono<AppEnv>();
  earnerRoutes(r);
  staffRoutes(r);
  proofAndFeesApiRoutes(r);
  return r;
}

/** The earner's forms (certificate upload, submission) and the printable invoice or receipt. */
function earnerRoutes(r: Hono<AppEnv>) {
  r.post('/applications/:id/certificate', async (c) => {
    const { id } = routeParams(c, onApplication);
    const file = await certificateFrom(c);
    return handleForm(
      c,
      {},
      async () => {
        await uploadCertificate(c.var.deps, { actor: actor(c), application: id, file });
        const done = requestTranslator(c).t('payments.flash.uploaded');
        return redirectWith(c, earningPaths.application(id), 'success', done);
      },
      (form, status) => proofApplicationPage(c, form, status),
    );
  });
  r.post('/applications/:id/proof/submit', async (c) => {
    const { id } = routeParams(c, onApplication);
    return handleForm(
      c,
      {},
      async () => {
        await submitProof(c.var.deps, { actor: actor(c), application: id });
        const done = requestTranslator(c).t('payments.flash.submitted');
        return redirectWith(c, earningPaths.application(id), 'success', done);
      },
      (form, status) => proofApplicationPage(c, form, status),
    );
  });
  r.get('/payments/:id/receipt', async (c) => {
    const { id } = routeParams(c, onApplication);
    const model = await loadReceipt(c.var.deps.db, actor(c).userId, id);
    return page(c, receiptTitle(requestTranslator(c).t, model), <ReceiptView model={model} />);
  });
}

const onStaffApplication = z.object({ slug: slugParam, app: publicIdParam });
const onStaffPayment = z.object({ slug: slugParam, payment: publicIdParam });
type StaffThing = { slug: string; id: string };

/** The organisation and the application (`:app`) or payment (`:payment`) a staff form acts on. */
function staffThing(c: C, on: 'app' | 'payment'): StaffThing {
  if (on === 'app') {
    const { slug, app } = routeParams(c, onStaffApplication);
    return { slug, id: app };
  }
  const { slug, payment } = routeParams(c, onStaffPayment);
  return { slug, id: payment };
}

/** The staff's queue and its forms: approve, reject, mark paid, refund. */
function staffRoutes(r: Hono<AppEnv>) {
  r.get('/orgs/:slug/proof-queue', (c) => queuePage(c));
  /** A form of the queue: runs its command, then back to the queue with a message (or the form's errors on its row). */
  const staffForm = (
    path: string,
    on: 'app' | 'payment',
    run: (c: C, at: StaffThing, fields: Record<string, string | string[]>) => Promise<string>,
  ) =>
    r.post(path, async (c) => {
      const at = staffThing(c, on);
      const fields = await formFields(c);
      return handleForm(
        c,
        fields,
        async () => {
          const message = await run(c, at, fields);
          return redirectWith(c, paymentPaths.proofQueue(at.slug), 'success', message);
        },
        (form, status) => queuePage(c, form, at.id, status),
      );
    });
  const words = (c: C) => requestTranslator(c).t;
  // The form's fields come first: what the path says and who acts always win over them.
  staffForm('/orgs/:slug/proof-queue/:app/approve', 'app', async (c, { slug, id }, fields) => {
    await approveProofApplication(c.var.deps, { ...fields, actor: actor(c), orgSlug: slug, application: id });
    return words(c)('payments.flash.approved');
  });
  staffForm('/orgs/:slug/proof-queue/:app/reject', 'app', async (c, { slug, id }, fields) => {
    await rejectProofApplication(c.var.deps, { ...fields, actor: actor(c), orgSlug: slug, application: id });
    return words(c)('payments.flash.rejected');
  });
  staffForm('/orgs/:slug/payments/:payment/mark-paid', 'payment', async (c, { slug, id }, fields) => {
    await markPaymentPaid(c.var.deps, { ...fields, actor: actor(c), orgSlug: slug, payment: id });
    return words(c)('payments.flash.markedPaid');
  });
  staffForm('/orgs/:slug/payments/:payment/refund', 'payment', async (c, { slug, id }, fields) => {
    const who = actor(c);
    const { reference } = await refundPayment(c.var.deps, {
      ...fields,
      actor: who,
      orgSlug: slug,
      payment: id,
    });
    return words(c)('payments.flash.refunded', { reference });
  });
}
