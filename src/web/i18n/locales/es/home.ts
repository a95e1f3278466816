import type { CatalogueOf } from '../en.ts';
import type { home as english } from '../en/home.ts';

/** El marco de la página de inicio en español (las claves de locales/en/home.ts). */
export const home: CatalogueOf<typeof english> = {
  title: 'Inicio',
  welcomeTitle: 'Bienvenida',
  greeting: 'Hola, {name}',
  now: 'Ahora:',
  createOrganisation: 'Crear una organización',
  createOrganisationText: '¿Organizas programas de microcredenciales para tu organización?',
  earner: {
    heading: 'Tu aprendizaje',
    applications: {
      heading: 'Tus solicitudes',
      status: {
        in_progress: 'En curso',
        submitted: 'Enviada, pendiente de revisión',
        in_review: 'En revisión',
        needs_revision: 'Tienes comentarios: revísala y vuelve a enviarla',
      },
      detail: '{status} · {organisation}',
      detailDue:
        '{status} · {count, plural, one {queda # día} other {quedan # días}} (hasta el {deadline}) · {organisation}',
      emptyNew: 'Todavía no tienes solicitudes: busca en el catálogo y solicita una microcredencial.',
      emptyDone: 'No tienes solicitudes abiertas. Busca tu próxima microcredencial.',
      browse: 'Explorar el catálogo',
      all: 'Todas tus solicitudes',
    },
    badges: {
      heading: 'Insignias por aceptar',
      detail: 'De {issuer}, enviada a {email} el {date}',
      empty: 'No tienes insignias pendientes. Las insignias que obtengas aparecerán en tu mochila.',
      open: 'Abrir tu mochila',
      more: 'Tu mochila',
    },
    licenses: {
      heading: 'Horas para renovar tu licencia',
      label: '{license} {number} ({organisation})',
      met: '{earned} de {required} horas en este ciclo (hasta el {last}) — requisito cumplido',
      short: '{earned} de {required} horas en este ciclo (hasta el {last}) — faltan {shortfall}',
      pending: 'Pendiente de que el reconocedor confirme el vínculo',
      rejected: 'No confirmada — corrígela y vuelve a vincularla',
      rejectedNote: 'No confirmada: {note} — corrígela y vuelve a vincularla',
      empty:
        'No has vinculado ninguna licencia. Vincula tu licencia para que tus insignias cuenten para su renovación.',
      link: 'Vincular una licencia',
      more: 'Tus licencias',
    },
    pathways: {
      heading: 'Progreso en itinerarios',
      detail: '{done} de {needed} completados · {organisation}',
      complete: '{done} de {needed} completados — itinerario terminado · {organisation}',
      empty:
        'No has empezado ningún itinerario. Cuando una insignia cuente para un itinerario, verás aquí tu progreso.',
    },
  },
  reviewer: {
    heading: 'Revisiones',
    queue: 'Tu cola de revisión',
    label: '{title} — intento {number}',
    due: 'Para el {date} · {organisation}',
    overdue: 'Con retraso desde el {date} · {organisation}',
    empty: 'No hay nada que revisar ahora mismo. Los envíos que te asignen aparecerán aquí y en tu bandeja.',
    inbox: 'Abrir tu bandeja',
  },
  staff: {
    heading: 'Emisión en {organisation}',
    waiting: 'Lo que te espera',
    reviews: '{count, plural, one {# envío pendiente} other {# envíos pendientes}} de revisión por pares',
    unassigned: '{count} sin revisor: asigna uno',
    allAssigned: 'Todos tienen revisor asignado',
    certificates: '{count, plural, one {# certificado} other {# certificados}} por comprobar',
    certificatesDetail: 'Apruébalos o recházalos desde la cola de comprobantes',
    unpaid: '{count, plural, one {# tasa sin pagar} other {# tasas sin pagar}}',
    unpaidDetail: 'Marca las facturas como pagadas cuando llegue el dinero',
    empty:
      'No hay envíos, certificados ni tasas pendientes. Otorga insignias directamente cuando alguien cumpla los requisitos.',
    issue: 'Emitir una credencial',
    reviewQueue: 'La cola de revisión',
    runs: 'Otorgamientos masivos en curso',
    runDetail: '{state} · {issued} de {total} emitidas',
    runStates: {
      uploaded: 'subido',
      checking: 'comprobándose',
      dry_run: 'prueba',
      queued: 'en cola',
      running: 'en ejecución',
      done: 'terminado',
      failed: 'fallido',
    },
    runsEmpty:
      'No hay ningún otorgamiento masivo en curso. Otorga insignias a toda una lista desde un archivo CSV.',
    startRun: 'Empezar un otorgamiento masivo',
    passRates: 'Tasas de aprobación',
    passDetail:
      '{rate} aprueba a la primera · {passed, plural, one {# aprobada} other {# aprobadas}} de {applications, plural, one {# solicitud} other {# solicitudes}}',
    noDecisions:
      'Todavía sin decisiones · {passed, plural, one {# aprobada} other {# aprobadas}} de {applications, plural, one {# solicitud} other {# solicitudes}}',
    passEmpty:
      'Todavía no se ha revisado ningún envío: las tasas de aprobación aparecen tras las primeras revisiones.',
    microCredentials: 'Tus microcredenciales',
    analytics: 'Todas las estadísticas',
  },
  officer: {
    heading: 'Reconocimiento en {organisation}',
    waiting: 'Lo que te espera',
    approvals: '{count, plural, one {# programa pendiente} other {# programas pendientes}} de aprobación',
    approvalsDetail: 'Lee cada envío y apruébalo, pide cambios o recházalo',
    notices: '{count, plural, one {# aviso de finalización nuevo} other {# avisos de finalización nuevos}}',
    noticesDetail: 'Anota sus créditos en las licencias de las personas titulares',
    licenses: '{count, plural, one {# vínculo de licencia} other {# vínculos de licencias}} por confirmar',
    licensesDetail: 'Confirma que el número coincide, o recházalo indicando el motivo',
    empty: 'No hay aprobaciones, avisos de finalización ni vínculos de licencias pendientes.',
    programs: 'Tus programas',
    queue: 'La cola de aprobación',
    shortfalls: 'Horas que faltan en el listado',
    shortLabel: '{name} — {license} {number}',
    shortDetail: '{earned} de {required} horas, faltan {shortfall} (el ciclo termina el {end})',
    shortEmpty: 'Todas las personas del listado tienen sus horas de este ciclo.',
    roster: 'Abrir el listado de titulares',
    allShortfalls: 'Las {count} personas a las que les faltan horas',
  },
  visitor: {
    heading: 'Microcredenciales en las que se puede confiar',
    intro:
      'Cairn gestiona programas de microcredenciales de principio a fin: los profesionales solicitan y muestran evidencias de una competencia, colegas formados las revisan con una rúbrica, los emisores otorgan credenciales Open Badges 3.0 firmadas que cualquiera puede verificar, y los colegios profesionales y consejos de certificación aprueban programas y cuentan las insignias para la renovación.',
    signUp: 'Crear una cuenta',
    logIn: 'Iniciar sesión',
  },
};
