import type { CatalogueOf } from '../en.ts';
import type { issuingStaff as en } from '../en/issuingStaff.ts';

/** Las páginas del personal emisor: emisión masiva desde una lista CSV, las credenciales emitidas, revocar. */
export const issuingStaff: CatalogueOf<typeof en> = {
  bulk: {
    title: 'Emisión masiva desde CSV',
    intro:
      'Otorga una microcredencial a todas las personas de una lista de asistencia. Sube un archivo CSV cuya primera línea nombre las columnas (una de ellas debe tener las direcciones de correo), empareja las columnas, revisa la prueba y emite. Cada destinatario recibe una sola credencial, aunque la misma fila se suba varias veces.',
    largeFiles: 'Para archivos de más de {size} MB, usa',
    earlier: {
      caption: 'Emisiones anteriores',
      file: 'Archivo',
      microCredential: 'Microcredencial',
      rows: 'Filas',
      issued: 'Emitidas',
      state: 'Estado',
      version: '(v{version})',
    },
    states: {
      uploaded: 'Subido: empareja las columnas',
      checking: 'Comprobando las filas (prueba)',
      dry_run: 'Comprobado: listo para emitir',
      queued: 'En cola',
      running: 'Emitiendo',
      done: 'Terminado',
      failed: 'Fallido',
    },
    upload: {
      heading: 'Subir una lista',
      microCredential: 'Microcredencial',
      file: 'Archivo CSV',
      fileHint: 'En UTF-8, separado por comas, puntos y comas o tabuladores, con una línea de cabecera.',
      submit: 'Subir y emparejar columnas',
      uploading: 'Subiendo {file}…',
      failed: 'No se pudo subir el archivo.',
      offline: 'No se pudo subir el archivo; comprueba la conexión y vuelve a intentarlo.',
      chooseFile: 'Elige un archivo CSV para subir.',
    },
    run: {
      title: 'Emisión masiva: {file}',
      all: 'Todas las emisiones masivas',
      rows: '{count, plural, one {# fila} other {# filas}}',
      checkingHeading: 'Comprobando {count, plural, one {# fila} other {# filas}}',
      checkingHint:
        'El informe de la prueba aparece aquí cuando se han comprobado todas las filas; esta página se actualiza sola.',
      stopped: 'La emisión se detuvo: {error}',
    },
    mapping: {
      heading: 'Empareja las columnas',
      required: '{field} (obligatorio)',
      notInFile: '— no está en el archivo —',
      check: 'Comprobar las filas (prueba)',
      checkAgain: 'Volver a comprobar con este emparejamiento',
      fields: {
        email: 'Correo del destinatario',
        name: 'Nombre del destinatario',
        externalId: 'Identificador externo (p. ej., número de estudiante)',
        credits: 'Créditos obtenidos',
        issuedOn: 'Fecha de emisión',
        evidenceUrl: 'URL de la evidencia',
        narrative: 'Descripción de la evidencia',
      },
    },
    progress: {
      heading: 'Progreso',
      label: '{issued} emitidas y {skipped} omitidas de {valid} ({percent})',
      live: 'Esta página se actualiza cada dos segundos; puedes salir de ella: la emisión sigue sin ella.',
      done: '{count, plural, one {Terminado: se emitió # credencial y se puso en cola su correo para reclamarla.} other {Terminado: se emitieron # credenciales y se pusieron en cola sus correos para reclamarlas.}}',
      seeIssued: 'Ver las credenciales emitidas',
    },
    dryRun: {
      heading: 'Prueba',
      valid: '{count, plural, one {Se emitirá # fila} other {Se emitirán # filas}}',
      invalid:
        '{count, plural, one {Se dejará fuera # fila con problemas} other {Se dejarán fuera # filas con problemas}}',
      duplicate:
        '{count, plural, one {Se dejará fuera # fila que repite otra anterior (se emite la anterior)} other {Se dejarán fuera # filas que repiten otras anteriores (se emiten las anteriores)}}',
      alreadyIssued:
        '{count, plural, one {Se dejará fuera # fila de un destinatario que ya tiene esta versión de la microcredencial} other {Se dejarán fuera # filas de destinatarios que ya tienen esta versión de la microcredencial}}',
      unused: 'Columnas sin usar: {columns}',
      issue: '{count, plural, one {Emitir # credencial} other {Emitir # credenciales}}',
      nothing: 'No se puede emitir ninguna fila. Corrige el archivo y vuelve a subirlo.',
    },
    problems: {
      caption: 'Filas que se dejan fuera ({count})',
      captionFirst: 'Filas que se dejan fuera (las primeras {count})',
      line: 'Línea',
      email: 'Correo',
      problem: 'Problema',
    },
    flash: {
      uploaded:
        '{count, plural, one {Se subió # fila. Empareja las columnas y después revisa la prueba.} other {Se subieron # filas. Empareja las columnas y después revisa la prueba.}}',
      checking: 'Comprobando todas las filas; el informe de la prueba aparecerá aquí cuando termine.',
      dryRun:
        '{total, plural, one {Prueba: se puede emitir {valid} de # fila.} other {Prueba: se pueden emitir {valid} de # filas.}}',
      issuing: '{count, plural, one {Emitiendo # credencial.} other {Emitiendo # credenciales.}}',
      alreadyIssuing: 'Esta emisión ya está en marcha.',
    },
  },
  issued: {
    title: 'Credenciales emitidas',
    heading: 'Credenciales emitidas por {organisation}',
    manyAtOnce: '¿Vas a otorgar muchas a la vez?',
    bulkLink: 'Emisión masiva desde CSV',
    award: {
      heading: 'Otorgar una microcredencial',
      microCredential: 'Microcredencial',
      email: 'Correo del destinatario',
      narrative: 'Descripción de la evidencia (opcional)',
      evidenceUrl: 'Enlace a la evidencia (opcional)',
      evidenceUrlHint: 'Una página que muestre el trabajo, p. ej., un registro de asistencia.',
      credits: 'Créditos obtenidos (opcional)',
      creditsHint: 'Horas o unidades, p. ej., 1.5.',
      issuedOn: 'Fecha de emisión (opcional)',
      issuedOnHint: 'AAAA-MM-DD; hoy si se deja vacía.',
      alreadyAwarded: 'Ya se otorgó.',
      issueAgain: 'Emitir de nuevo: quiero dar a esta persona una segunda credencial',
      submit: 'Emitir credencial',
    },
    selected: {
      label: 'Con las credenciales seleccionadas',
      revoke: 'Revocar…',
      suspend: 'Suspender',
      reinstate: 'Restablecer',
      reason: 'Motivo para las seleccionadas',
      apply: 'Aplicar a las seleccionadas',
    },
    reasonPlaceholder: 'Motivo (se muestra públicamente)',
    columns: {
      select: 'Seleccionar',
      recipient: 'Destinatario',
      achievement: 'Logro',
      issued: 'Emitida',
      status: 'Estado',
      change: 'Cambiar',
    },
    selectOne: 'Seleccionar {achievement} de {recipient}',
    statuses: { valid: 'Válida', revoked: 'Revocada', suspended: 'Suspendida', expired: 'Caducada' },
    noticeSent: 'Aviso de finalización enviado a {recognizer} el {date}',
    row: { change: 'Cambiar', reason: 'Motivo', apply: 'Aplicar' },
  },
  revoke: {
    title: '¿Revocar?',
    back: '← Credenciales emitidas',
    heading: '{count, plural, one {¿Revocar esta credencial?} other {¿Revocar # credenciales?}}',
    issuedTo: 'emitida a {recipient}',
    whatHeading: 'Qué supone revocar',
    permanent:
      'Es definitivo: una credencial revocada no se puede restablecer. (Para pausarla, suspéndela en su lugar).',
    checkers:
      '{count, plural, one {Quien compruebe esta credencial —en la página de la insignia, en /verify o en otra cartera— verá que está revocada, con el motivo de abajo.} other {Quien compruebe estas credenciales —en la página de la insignia, en /verify o en otra cartera— verá que están revocadas, con el motivo de abajo.}}',
    credit:
      '{count, plural, one {Se anula el crédito que un reconocedor registró por ella, y la persona que la obtuvo conserva la insignia solo como registro revocado.} other {Se anula el crédito que un reconocedor registró por ellas, y quienes las obtuvieron conservan las insignias solo como registros revocados.}}',
    reason: 'Motivo, visible públicamente',
    reasonHint:
      'Por ejemplo: «Emitida por error» o «La evaluación no es válida». Lo ven quienes verifican y la persona que la obtuvo.',
    submit: '{count, plural, one {Revocar esta credencial} other {Revocar # credenciales}}',
    cancel: 'Cancelar',
  },
  flash: {
    awarded: 'Credencial emitida y firmada.',
    statusChanged: 'Estado cambiado; se ha vuelto a publicar la lista de estados.',
    notPossible: 'Ese cambio no es posible.',
    selectToRevoke: 'Selecciona las credenciales que quieres revocar.',
    changed: '{count, plural, one {Se cambió # credencial.} other {Se cambiaron # credenciales.}}',
    leftUnchanged: '{count} sin cambiar: {named}.',
    leftUnchangedMore: '{count} sin cambiar: {named} y {more} más.',
  },
};
