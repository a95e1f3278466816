import type { CatalogueOf } from '../en.ts';
import type { admin as english } from '../en/admin.ts';

/** La administración de la plataforma en español (las claves de locales/en/admin.ts). */
export const admin: CatalogueOf<typeof english> = {
  jobs: {
    title: 'Tareas',
    heading: 'Tareas en segundo plano',
    forbidden: 'Solo quienes administran la plataforma pueden ver esta página.',
    statuses: {
      queued: 'en cola',
      running: 'en ejecución',
      succeeded: 'completadas',
      dead: 'sin más intentos',
    },
    count: '{status}: {count}',
    showingDead: 'Se muestran las tareas sin más intentos (nada las reintenta hasta que lo hagas tú).',
    showingLatest: 'Se muestran las últimas tareas.',
    showAll: 'Mostrar todas',
    showDead: 'Mostrar solo las que no tienen más intentos',
    columns: { id: 'Id', type: 'Tipo', status: 'Estado', attempts: 'Intentos', lastError: 'Último error' },
    retry: 'Reintentar',
    flash: { retried: 'La tarea vuelve a estar en cola.', notDead: 'Esa tarea ya no está sin intentos.' },
  },
  mailbox: {
    title: 'Buzón',
    heading: 'Buzón de desarrollo',
    explain:
      'Todos los correos que ha enviado Cairn, del más reciente al más antiguo. Se muestra porque CAIRN_MAILBOX está activado (lo está por defecto en el modo de demostración); desactívalo en producción.',
    onlyTo: 'Solo el correo dirigido a',
    filter: 'Filtrar',
    columns: { when: 'Cuándo (UTC)', to: 'Para', subject: 'Asunto', status: 'Estado' },
    statuses: { queued: 'en cola', sending: 'enviándose', sent: 'enviado', kept: 'guardado' },
    sentTo: 'Para',
    htmlVersion: 'Versión HTML',
  },
  home: {
    heading: 'La marcha de este Cairn',
    jobs: {
      heading: 'Tareas en segundo plano',
      dead: '{count, plural, one {# tarea} other {# tareas}} sin más intentos',
      deadDetail: 'Nada las reintenta hasta que lo hagas tú: lee el error y luego reinténtalas.',
      stuck: '{count, plural, one {# tarea atascada} other {# tareas atascadas}}',
      stuckDetail:
        'En ejecución más allá de su plazo, o en cola desde hace más de 15 minutos: comprueba que los procesos de trabajo funcionan.',
      retrying: '{count, plural, one {# tarea} other {# tareas}} reintentando tras un fallo',
      retryingDetail: 'Vuelven a ejecutarse más tarde; tras su último intento se detienen.',
      empty: 'No hay tareas fallidas ni atascadas.',
      open: 'Abrir la cola de tareas',
    },
    mail: {
      heading: 'Correo',
      waiting: '{count, plural, one {# correo} other {# correos}} a la espera de envío',
      waitingDetail: 'El más antiguo es del {since}.',
      kept: '{count, plural, one {# correo} other {# correos}} en el buzón de desarrollo',
      keptDetail: 'No hay servidor de correo configurado: el correo se guarda aquí en lugar de enviarse.',
      empty: 'No hay correo a la espera de envío.',
      open: 'Abrir el buzón',
      jobs: 'El correo sale a través de la cola de tareas',
    },
    organisations: {
      heading: 'Organizaciones a la espera',
      detail:
        '{jobs, plural, =0 {} one {# tarea fallida} other {# tareas fallidas}}{both, select, yes {, } other {}}{mail, plural, =0 {} one {# correo sin enviar} other {# correos sin enviar}}',
      empty: 'Ninguna organización tiene tareas fallidas ni correo a la espera.',
      open: 'Abrir la cola de tareas',
    },
    security: {
      heading: 'Seguridad en los últimos 7 días',
      detail: '{who} · {when}',
      detailIn: '{who} en {organisation} · {when}',
      someone: 'Alguien',
      empty:
        'Ningún cambio de contraseña, dirección, token o rol, ninguna exportación ni eliminación en los últimos 7 días.',
      actions: {
        user_password_changed: 'Contraseña cambiada',
        user_password_reset: 'Contraseña restablecida por enlace',
        user_email_added: 'Dirección de correo añadida',
        user_email_removed: 'Dirección de correo quitada',
        user_email_made_primary: 'Dirección de correo principal cambiada',
        user_deleted: 'Cuenta eliminada',
        api_token_created: 'Token de API creado',
        api_token_revoked: 'Token de API revocado',
        member_roles_changed: 'Roles de un miembro cambiados',
        member_removed: 'Miembro quitado',
        invitation_accepted: 'Invitación aceptada',
        organisation_exported: 'Datos de la organización descargados',
        webhook_created: 'Webhook creado',
        webhook_deleted: 'Webhook eliminado',
      },
    },
  },
};
