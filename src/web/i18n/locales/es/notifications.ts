import type { CatalogueOf } from '../en.ts';
import type { notifications as en } from '../en/notifications.ts';

/** La bandeja de entrada, sus ajustes, cada tipo de aviso en palabras y los correos que los llevan. */
export const notifications: CatalogueOf<typeof en> = {
  inbox: {
    title: 'Bandeja de entrada',
    unread: '{count, plural, =0 {Nada sin leer.} one {# sin leer.} other {# sin leer.}}',
    settingsLink: 'Elige qué se te envía por correo',
    views: 'Vistas de la bandeja',
    all: 'Todos',
    unreadOnly: 'Solo sin leer',
    markAllRead: 'Marcar todo como leído',
    noOlder: 'No hay avisos anteriores.',
    none: 'Todavía no hay avisos. Cuando alguien te asigne trabajo o decida sobre el tuyo, aparecerá aquí.',
    new: 'Nuevo:',
    markRead: 'Marcar como leído',
    older: 'Avisos anteriores',
    badPage: 'Esa página de la bandeja de entrada no existe.',
  },
  settings: {
    title: 'Ajustes de avisos',
    intro:
      'Todo aparece en tu bandeja de entrada. Elige, para cada tipo, si Cairn además te escribe al momento, una vez al día en un resumen, o nunca.',
    inboxLink: 'Abrir tu bandeja de entrada',
    kindLabel: '{label} ({audience})',
    emailedByFlow:
      'Cairn siempre envía este correo como parte de su propio proceso (el correo para reclamar la insignia, la decisión de la revisión, el hilo de la solicitud), así que tu elección aquí solo cambia la bandeja de entrada.',
    save: 'Guardar ajustes',
    chooseOption: 'Elige una de las opciones.',
    invalid: 'Algunas opciones no son válidas.',
    saved: 'Ajustes de avisos guardados.',
    deliveries: {
      in_app: 'Solo en Cairn',
      email: 'En Cairn y por correo al momento',
      digest: 'En Cairn y en un resumen diario por correo',
    },
  },
  flash: {
    markedAll:
      '{count, plural, =0 {No había nada que marcar como leído.} one {Un aviso marcado como leído.} other {# avisos marcados como leídos.}}',
    marked: 'Marcado como leído.',
  },
  kinds: {
    submission_assigned: { label: 'Se te asigna un envío para revisar', audience: 'revisores' },
    proof_submitted: {
      label: 'Llega un certificado de finalización a tu organización',
      audience: 'personal emisor',
    },
    application_reviewed: {
      label: 'Se revisa tu envío (aprobado, devuelto, aceptado o rechazado)',
      audience: 'aprendices',
    },
    badge_issued: { label: 'Se te emite una insignia', audience: 'aprendices' },
    badge_status: {
      label: 'Una de tus insignias se revoca, se suspende o se restablece',
      audience: 'aprendices',
    },
    program_submission: {
      label: 'Se envía un programa para su aprobación, o se decide sobre él',
      audience: 'responsables de reconocimiento y emisores',
    },
    license_decided: {
      label: 'Un organismo de reconocimiento confirma o rechaza el vínculo con tu licencia',
      audience: 'aprendices',
    },
  },
  present: {
    submission_assigned: {
      title: 'Revisa «{title}», intento {number}',
      body: 'Se te ha asignado un envío para {title} ({organisation}). Puntúalo según la rúbrica y escribe tus comentarios.',
      link: 'Abrir la revisión',
    },
    proof_submitted: {
      title: 'Certificado por comprobar: {title}',
      body: '{earner} envió un certificado de finalización para {title}. Compruébalo y decide desde la cola de comprobantes.',
      link: 'Abrir la cola de comprobantes',
    },
    application_reviewed: {
      title:
        '{decision, select, passed {Tu solicitud de «{title}» está aprobada} approved {Tu solicitud de «{title}» fue aceptada} needs_revision {Tu solicitud de «{title}» necesita cambios} rejected {Tu solicitud de «{title}» no fue aceptada} other {Tu solicitud de «{title}» fue revisada}}',
      body: '{organisation} revisó tu envío para {title}. {decision, select, passed {Enhorabuena: tu insignia se está emitiendo.} approved {Enhorabuena: tu insignia se está emitiendo.} needs_revision {Lee los comentarios de quien revisó, mejora tus evidencias y vuelve a enviarlas.} rejected {Lee el motivo en la página de la solicitud.} other {Consulta el resultado en la página de la solicitud.}}',
      linkFeedback: 'Leer los comentarios',
      link: 'Abrir la solicitud',
    },
    badge_issued: {
      title: 'Nueva insignia: {title}',
      body: '{organisation} te ha emitido la insignia «{title}». Acéptala en tu mochila para mostrarla y compartirla.',
      link: 'Abrir tu mochila',
    },
    badge_status: {
      title:
        '{status, select, reinstated {Tu insignia «{title}» vuelve a ser válida} suspended {Tu insignia «{title}» está suspendida} other {Tu insignia «{title}» ha sido revocada}}',
      body: '{organisation} cambió el estado de tu insignia «{title}»: {status, select, reinstated {vuelve a ser válida.} suspended {está suspendida.} other {ha sido revocada.}}',
      reason: 'El motivo indicado: {reason}',
      link: 'Abrir la insignia',
    },
    program_submission: {
      titleToApprove: 'Programa por aprobar: {title}',
      titleDecision: 'Decisión sobre el programa: {title}',
      submitted: '{issuer} envió «{title}» a {program} para su aprobación.',
      resubmitted: '{issuer} volvió a enviar «{title}» a {program} para su aprobación.',
      approved: '{recognizer} aprobó «{title}» para {program}.',
      rejected: '{recognizer} no aprobó «{title}» para {program}.',
      changes_requested: '{recognizer} pide cambios en «{title}» antes de aprobarlo para {program}.',
      changed: 'La solicitud de «{title}» a {program} ha cambiado.',
      link: 'Abrir la solicitud',
    },
    license_decided: {
      titleConfirmed: 'Licencia {licenseNumber} confirmada',
      titleRejected: 'Licencia {licenseNumber} no confirmada',
      confirmed:
        '{organisation} confirmó tu licencia {licenseNumber} para {program}. Tus insignias cuentan ahora para su renovación.',
      rejected: '{organisation} no pudo confirmar tu licencia {licenseNumber} para {program}.',
      fix: 'Corrígela y vuelve a vincularla.',
      link: 'Abrir tus licencias',
    },
    other: { title: 'Algo ha cambiado', body: 'Algo que sigues ha cambiado.', link: 'Abrir Cairn' },
  },
  mail: {
    hello: 'Hola, {name}:',
    reason: 'Recibes esto por tus ajustes de avisos en Cairn. Elige qué se te envía por correo: {link}',
    digestSubject:
      '{count, plural, one {Tu resumen de Cairn: # novedad} other {Tu resumen de Cairn: # novedades}}',
    digestLead: 'Esto es lo que ha pasado desde tu último resumen:',
    inbox: 'Tu bandeja de entrada: {link}',
    openInbox: 'Abrir tu bandeja de entrada',
  },
};
