import type { CatalogueOf } from '../en.ts';
import type { programA as en } from '../en/programA.ts';

/** Los mensajes del programa A (incidencia 13): autorreconocimiento, sugerencias del envío, sesiones de formación continua y listas de asistentes. */
export const programA: CatalogueOf<typeof en> = {
  selfRecognition: {
    note: 'Su organización presentó su propia microcredencial a su propio programa. Decide un responsable de reconocimiento distinto de quien la presentó.',
  },
  submit: {
    programLabel: 'Programa de reconocimiento',
    programHint:
      'Primero los programas sugeridos: los que ya aprobaron sus microcredenciales, o aprobaron otras con las mismas etiquetas o el mismo marco.',
    choose: 'Elija un programa',
    suggested: 'Programas sugeridos',
    other: 'Otros programas',
    noneSuggested:
      'Todavía no hay programas sugeridos: ningún reconocedor ha aprobado sus microcredenciales ni otras con las mismas etiquetas.',
    ownRecognizer: '{recognizer} (su propia organización)',
    countsToward: 'Cuenta para {license} ({required} h por ciclo), {per}.',
    perFixed: '{hours} h por microcredencial aprobada',
    perCreditHours: 'las horas de crédito de la microcredencial',
    reasons: {
      pastApprovals: 'Ya aprobó sus microcredenciales.',
      sharedTags: 'Aprobó microcredenciales con las etiquetas {tags}.',
      ownProgram: 'Es el programa de su propia organización.',
      namedField: 'Su descripción menciona {tags}.',
    },
    otherWarning:
      '«{program}» de {recognizer} no está entre los programas sugeridos. Compruebe que es el reconocedor que busca.',
    otherConfirm: 'Sí, enviarlo a {recognizer}',
  },
  sessions: {
    nav: 'Sesiones de formación',
    navQueue: 'Preaprobación de sesiones',
    designerNote:
      'Las sesiones preaprobadas ya no se escriben aquí: los proveedores de formación continua solicitan la preaprobación en Cairn (Sesiones de formación) y sus responsables de reconocimiento las aprueban en Preaprobación de sesiones. Al solicitar, los profesionales eligen entre las sesiones aprobadas.',
    status: {
      submitted: 'Pendiente de decisión',
      approved: 'Aprobada',
      declined: 'Rechazada',
      withdrawn: 'Retirada',
    },
    mine: {
      title: 'Sesiones de formación continua',
      intro:
        'Pida a un consejo que preapruebe el contenido de una sesión. Una vez aprobada, suba la lista de asistentes: cada asistente recibe por correo una invitación para solicitar la insignia del consejo con su certificado de asistencia.',
      request: 'Solicitar preaprobación',
      empty: 'Todavía no hay sesiones. Solicite la preaprobación de su primera sesión.',
    },
    columns: {
      session: 'Sesión',
      council: 'Consejo',
      provider: 'Proveedor',
      badge: 'Insignia',
      dates: 'Fechas',
      hours: 'Horas',
      requested: 'Solicitada',
      status: 'Estado',
      invitations: 'Invitaciones',
    },
    request: {
      title: 'Solicitar la preaprobación de una sesión',
      intro:
        'El consejo revisa el contenido de la sesión frente a su microcredencial. Los asistentes de una sesión aprobada pueden solicitar la insignia con su certificado de asistencia.',
      microCredential: 'Consejo y microcredencial',
      microCredentialHint:
        'Solo se muestran las microcredenciales que se obtienen con un certificado de asistencia.',
      choose: 'Elija una microcredencial',
      none: 'Ningún consejo ofrece todavía una microcredencial que se obtenga con un certificado de asistencia.',
      sessionTitle: 'Título de la sesión',
      startsOn: 'Primer día',
      endsOn: 'Último día (si dura más de un día)',
      dateHint: 'Una fecha como 2026-04-18.',
      hours: 'Horas lectivas',
      presenter: 'Ponente',
      description: 'Descripción y programa',
      descriptionHint: 'Qué se enseña, en qué orden y qué sabrán hacer los asistentes.',
      submit: 'Solicitar preaprobación',
      done: 'Enviada. Se ha avisado al personal del consejo; recibirá un aviso con su decisión.',
    },
    queue: {
      title: 'Preaprobación de sesiones',
      intro:
        'Los proveedores de formación continua le piden que preapruebe sus sesiones para sus microcredenciales. Las sesiones aprobadas son las que eligen los asistentes al solicitar la insignia.',
      open: 'Pendientes de decisión',
      all: 'Todas las sesiones',
      empty: 'No hay sesiones pendientes de decisión.',
      emptyAll: 'Ningún proveedor ha solicitado todavía una preaprobación.',
    },
    page: {
      backMine: 'Sesiones de formación',
      backQueue: 'Preaprobación de sesiones',
      summary: '{provider} pide a {council} que preapruebe esta sesión para «{badge}».',
      dates: 'Fechas',
      hours: 'Horas lectivas',
      hoursValue: '{hours} h',
      presenter: 'Ponente',
      description: 'Descripción y programa',
      requestedBy: 'Solicitada por {name} el {date}.',
      decidedBy: 'Decidida por {name} el {date}.',
      decisionNote: 'La nota del consejo',
      noProvider: 'Trasladada desde la antigua lista de programas preaprobados de la microcredencial.',
    },
    decide: {
      title: 'Decidir',
      approveNote: 'Nota para el proveedor (opcional)',
      approve: 'Aprobar la sesión',
      reason: 'Motivo del rechazo',
      reasonHint: 'El proveedor lo leerá y podrá volver a solicitarla con la sesión modificada.',
      decline: 'Rechazar la sesión',
      approved:
        'Aprobada. Se ha avisado al proveedor; los asistentes ya pueden elegir esta sesión al solicitar la insignia.',
      declined: 'Rechazada. Se ha explicado el motivo al proveedor.',
    },
    withdraw: { button: 'Retirar la solicitud', done: 'Retirada.' },
    roster: {
      title: 'Asistentes e invitaciones',
      intro:
        'Suba la lista como archivo CSV con un nombre y un correo por línea (la cabecera «name,email» es opcional). Cada asistente nuevo recibe por correo una invitación para solicitar la insignia, con esta sesión ya elegida.',
      file: 'Lista de asistentes (CSV)',
      upload: 'Subir e invitar',
      uploaded:
        '{added, plural, =0 {Ningún asistente nuevo} one {# asistente invitado} other {# asistentes invitados}}{already, plural, =0 {} one {; # ya estaba en la lista} other {; # ya estaban en la lista}}.',
      notYet: 'Cuando el consejo apruebe la sesión, suba aquí la lista de asistentes.',
      empty: 'Todavía no hay asistentes.',
      name: 'Nombre',
      email: 'Correo',
      state: 'Invitación',
      queued: 'Enviándose',
      sent: 'Enviada',
      applied: 'Ha solicitado',
      counts: '{sent} invitados, {applied} han solicitado',
    },
    mail: {
      subject: 'Solicite la insignia «{badge}»: asistió a {session}',
      lead: '{provider} le incluye como asistente de «{session}», una sesión preaprobada por {council}. Puede solicitar a {council} la insignia «{badge}»: suba su certificado de asistencia y pague la tasa del consejo.',
      reason:
        'Recibe este correo porque {provider} incluyó esta dirección en la lista de asistentes de la sesión. Si no asistió, ignore este correo.',
      hello: 'Hola, {name}:',
      apply: 'Solicitar: {link}',
      button: 'Solicitar la insignia',
      chosen: 'La sesión ya está elegida en esa página.',
      paste:
        'La sesión ya está elegida en esa página. Si el botón no funciona, pegue esta dirección en su navegador: {link}',
    },
  },
};
