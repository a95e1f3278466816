import type { CatalogueOf } from '../en.ts';
import type { webhooks as en } from '../en/webhooks.ts';

/** Los webhooks de una organización: la lista, un webhook con su registro de envíos, y sus mensajes. */
export const webhooks: CatalogueOf<typeof en> = {
  title: 'Webhooks de {organisation}',
  heading: 'Webhooks',
  intro:
    'Cairn avisa a tus sistemas de lo que pasa en {organisation}: envía por POST un pequeño evento JSON a cada URL de abajo, firmado con el secreto de la URL. Los envíos fallidos se reintentan con esperas cada vez más largas; cada webhook guarda un registro de envíos.',
  signatureHeader: 'Cada evento va firmado en la cabecera',
  signatureOf: 'como HMAC-SHA256, con el secreto, de',
  created: {
    heading: 'El secreto de firma de tu nuevo webhook',
    copyNow: 'Cópialo ahora en tu receptor; no se volverá a mostrar.',
    open: 'Abrir el webhook',
  },
  add: {
    heading: 'Añadir un webhook',
    url: 'URL del receptor',
    urlHint: 'Por ejemplo https://example.org/cairn-events',
    events: 'Eventos que enviar',
    submit: 'Añadir webhook',
  },
  none: 'Todavía no hay webhooks.',
  columns: { url: 'URL', events: 'Eventos', status: 'Estado' },
  programOnly: '(solo el programa {program})',
  on: 'Activado',
  off: 'Desactivado',
  turnOn: 'Activar',
  turnOff: 'Desactivar',
  detail: {
    title: 'Webhook',
    heading: 'Webhook: {url}',
    all: 'Todos los webhooks',
    events: 'Eventos',
    programOnly: '(solo los avisos de finalización del programa {program})',
    status: 'Estado',
    off: 'Desactivado: no se envían eventos',
    delete: 'Eliminar webhook',
    log: 'Registro de envíos',
  },
  deliveries: {
    none: 'Todavía no se ha enviado nada.',
    columns: {
      time: 'Hora (UTC)',
      event: 'Evento',
      result: 'Resultado',
      attempts: 'Intentos',
      next: 'Próximo intento (UTC)',
      answer: 'Respuesta',
    },
    replay: 'Reenvío',
    states: { delivered: 'Entregado', failed: 'Fallido', cancelled: 'Cancelado', waiting: 'En espera' },
    http: '(HTTP {status})',
    sendAgain: 'Enviar de nuevo',
  },
  flash: {
    on: 'Webhook activado.',
    off: 'Webhook desactivado: no se le envían eventos.',
    deleted: 'Webhook eliminado.',
    replayed: 'El evento se enviará de nuevo.',
  },
  events: {
    credential: {
      issued: 'Se emitió una credencial',
      claimed: 'Alguien aceptó una insignia que se le envió',
      revoked: 'Se revocó una credencial',
      suspended: 'Se suspendió una credencial',
      reinstated: 'Se restableció una credencial suspendida',
    },
    application: {
      submitted: 'Alguien envió evidencias para su revisión',
      reviewed: 'Se revisó un envío (aprobado, devuelto, aceptado o rechazado)',
    },
    program: {
      submitted: 'Se envió un programa a un organismo de reconocimiento para su aprobación',
      approved: 'Un organismo de reconocimiento aprobó un programa',
    },
    completion_notice: {
      sent: 'Se envió un aviso de finalización a un organismo de reconocimiento (o este lo recibió)',
    },
    bulk_run: { finished: 'Terminó una concesión masiva' },
  },
};
