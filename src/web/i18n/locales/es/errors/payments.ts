import type { CatalogueOf } from '../../en.ts';
import type { paymentErrors as en } from '../../en/errors/payments.ts';

/** Lo que responden las órdenes de tasas y certificados de finalización. */
export const paymentErrors: CatalogueOf<typeof en> = {
  unknownProvider: 'Este pago se hizo mediante «{name}», que este servidor no tiene configurado.',
  noStatusUpdates:
    'El proveedor de facturas manuales no recibe actualizaciones de estado; el personal marca las facturas como pagadas.',
  reference: 'Escribe la referencia del pago (número de transferencia o de cheque).',
  processorConfirms: 'Este pago lo confirma su procesador de pagos, no el personal.',
  notPending: {
    paid: 'La factura {invoice} ya está pagada; no está pendiente de pago.',
    refunded: 'La factura {invoice} está reembolsada; no está pendiente de pago.',
    cancelled: 'La factura {invoice} está cancelada; no está pendiente de pago.',
  },
  changedMeanwhile: 'Otra persona cambió este pago; recarga la página y vuelve a intentarlo.',
  refundReason: 'Escribe por qué se reembolsa la tasa.',
  notPaid: {
    pending: 'Solo se puede reembolsar una factura pagada; la factura {invoice} está pendiente de pago.',
    refunded: 'Solo se puede reembolsar una factura pagada; la factura {invoice} ya está reembolsada.',
    cancelled: 'Solo se puede reembolsar una factura pagada; la factura {invoice} está cancelada.',
  },
  notProof: 'Esta solicitud no admite un certificado de finalización.',
  notProofEarned: 'Esta solicitud no se obtiene con un certificado de finalización.',
  chooseCertificate: 'Elige tu certificado de finalización (un PDF o una imagen).',
  certificateSize: 'Los certificados pueden ocupar como máximo {max} MB.',
  certificateType: 'Sube el certificado como archivo PDF, PNG o JPEG.',
  uploadBeforeSubmit: 'Sube tu certificado de finalización antes de enviarlo.',
  alreadyApproved: 'Esta solicitud ya está aprobada.',
  notWaitingDetail:
    'Esta solicitud no está pendiente de decisión (la persona solicitante no ha enviado un certificado, o ya se decidió o se retiró).',
  notWaiting: 'Esta solicitud no está pendiente de decisión.',
  noCertificateToApprove: 'No hay ningún certificado enviado que aprobar.',
  noCertificateToReject: 'No hay ningún certificado enviado que rechazar.',
  feeUnpaid: {
    pending:
      'La tasa no está pagada: la factura {invoice} ({amount}) está pendiente de pago. Márcala como pagada antes de aprobar; la insignia solo se puede emitir tras el pago.',
    refunded:
      'La tasa no está pagada: la factura {invoice} ({amount}) está reembolsada. Márcala como pagada antes de aprobar; la insignia solo se puede emitir tras el pago.',
    cancelled:
      'La tasa no está pagada: la factura {invoice} ({amount}) está cancelada. Márcala como pagada antes de aprobar; la insignia solo se puede emitir tras el pago.',
  },
  decidedMeanwhile: 'Otra persona decidió esta solicitud hace un momento; recarga la cola.',
  reasons: 'Escribe los motivos para la persona solicitante.',
  ownApplication: 'No puedes decidir sobre tu propia solicitud.',
  ownPaymentPaid: 'No puedes marcar como pagado tu propio pago; pídeselo a otra persona del personal.',
  ownRefund: 'No puedes reembolsar tu propio pago; pídeselo a otra persona del personal.',
};
