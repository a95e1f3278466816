import type { CatalogueOf } from '../../en.ts';
import type { recognitionErrors as en } from '../../en/errors/recognition.ts';

/** Lo que responden las órdenes del reconocimiento: programas, solicitudes, respaldos, sesiones y listas de asistentes. */
export const recognitionErrors: CatalogueOf<typeof en> = {
  keepUnder: 'Escribe menos de {max} caracteres.',
  notADate: 'Esa no es una fecha válida.',
  program: {
    name: 'Ponle nombre al programa.',
    nameExample: 'Ponle nombre al programa, p. ej. «Renovación de la licencia docente».',
    nameMax: 'Escribe un nombre de menos de 200 caracteres.',
    licenseName: 'Indica la credencial que mantiene el programa.',
    licenseNameExample: 'Indica la credencial que mantiene el programa, p. ej. «Licencia docente».',
    cycleWholeYears: 'Indica el ciclo de renovación en años completos (1–20).',
    cycleRange: 'Un ciclo de renovación dura de 1 a 20 años.',
    hoursRequired: 'Indica las horas de crédito exigidas por ciclo, p. ej. 150.',
    hoursRequiredNegative: 'Las horas exigidas no pueden ser negativas.',
    hoursRequiredMax: 'Las horas exigidas son como máximo 10000.',
    unitRule:
      'Elige cómo cuenta una microcredencial aprobada: un número fijo de horas o sus propias horas de crédito.',
    fixedHoursNumber: 'Las horas por microcredencial deben ser un número de horas, p. ej. 0,5.',
    fixedHoursNegative: 'Las horas por microcredencial no pueden ser negativas.',
    fixedHoursMax: 'Las horas por microcredencial son como máximo 10000.',
    capNumber: 'El tope por ciclo debe ser un número de horas, p. ej. 0,5.',
    capNegative: 'El tope por ciclo no puede ser negativo.',
    capMax: 'El tope por ciclo es como máximo de 10000 horas.',
    posting: 'Elige si los créditos se anotan automáticamente o tras una revisión.',
    fixedHoursMissing:
      'Con la regla fija, indica cuántas horas cuenta cada microcredencial aprobada, p. ej. 0,5.',
    fixedHoursZero: 'Las horas por microcredencial deben ser más de 0.',
    capZero: 'Un tope de 0 horas no contaría nada: déjalo vacío si no quieres tope.',
    capOverRequired: 'El tope por ciclo no puede superar las horas exigidas por ciclo.',
    nameTaken: 'Ya existe un programa con ese nombre.',
    nameTakenField: '«{name}» ya es un programa de {organisation}.',
    recognizersOnly:
      'Solo los organismos de reconocimiento gestionan programas de reconocimiento. Un administrador puede cambiar el tipo de la organización.',
    shorterUrl: 'Usa una URL más corta.',
    webhookUrl:
      'Usa una URL http(s) como https://board.example.gov/cairn-notices, o déjala vacía para desactivar el webhook.',
  },
  submit: {
    chooseVersion: 'Elige una versión.',
    chooseProgram: 'Elige un programa de reconocimiento.',
    statement: 'Explica cómo se verifica y respalda la competencia (evaluación, revisores, rúbrica).',
    chooseOne: 'Elige una microcredencial, un itinerario o una pila para presentar.',
    alreadyWaiting:
      'Esto ya está pendiente de revisión en ese programa. Coméntalo o vuelve a presentarlo desde allí.',
    alreadyWaitingAs:
      'Esto ya está pendiente de revisión en ese programa (solicitud {submission}). Coméntalo o vuelve a presentarlo desde allí.',
    issuersOnly: 'Solo las organizaciones emisoras presentan microcredenciales para su reconocimiento.',
    chooseOpenProgram: 'Elige de la lista un programa de reconocimiento abierto.',
    notOwnProgram:
      'Una organización no puede reconocer sus propias microcredenciales: elige el programa de otro organismo de reconocimiento.',
    chooseMicroCredential: 'Elige una microcredencial de esta organización.',
    publishFirst: 'Publica primero la microcredencial: solo se puede presentar una versión publicada.',
    noSuchVersion: 'No existe la versión {version}.',
    versionDraft:
      'La versión {version} es un borrador: publícala primero. Solo se puede presentar la versión publicada.',
    versionSuperseded:
      'La versión {version} está sustituida: presenta primero la versión publicada. Solo se puede presentar la versión publicada.',
    choosePathway: 'Elige un itinerario de esta organización.',
    chooseStack: 'Elige una pila de esta organización.',
    resubmissionFollows:
      'Una nueva presentación sigue a una solicitud anterior de la misma microcredencial en el mismo programa.',
    previousWithdrawn: 'Esa solicitud se retiró: preséntala de nuevo desde cero.',
    previousSuperseded: 'Esa solicitud ya se volvió a presentar: sigue la más reciente.',
    versionApproved: 'La versión {version} ya está aprobada en ese programa.',
    alreadyApproved: 'Esto ya está aprobado en ese programa.',
  },
  decide: {
    writeComment: 'Escribe tu comentario.',
    rejectReasons: 'Explica por qué la rechazas.',
    changesNeeded: 'Indica qué hay que cambiar.',
    hoursGranted: 'Indica las horas de crédito concedidas, p. ej. 0,5.',
    hoursGrantedNegative: 'Las horas concedidas no pueden ser negativas.',
    hoursGrantedMax: 'Las horas concedidas son como máximo 1000.',
    twoDecimals: 'Usa como máximo dos decimales.',
    endsOnFormat: 'Usa una fecha como 2031-06-30.',
    endsOnPast: 'La fecha de fin no puede estar en el pasado.',
    ownSubmission:
      'Presentaste tú esta microcredencial de tu propia organización: la decide otro responsable de reconocimiento.',
    notDecidable: {
      submitted: 'Esta solicitud está pendiente de revisión: no se puede decidir ahora.',
      changes_requested:
        'Esta solicitud ya está esperando los cambios del emisor: no se puede devolver ahora.',
      approved: 'Esta solicitud está aprobada: no se puede decidir de nuevo.',
      rejected: 'Esta solicitud está rechazada: no se puede decidir de nuevo.',
      withdrawn: 'Esta solicitud se retiró: no se puede decidir ahora.',
      superseded: 'Esta solicitud se sustituyó por una nueva presentación: decide la más reciente.',
    },
    notWithdrawable: {
      submitted: 'Esta solicitud está pendiente de revisión: no se puede retirar ahora.',
      changes_requested: 'Esta solicitud está esperando tus cambios: no se puede retirar ahora.',
      approved: 'Esta solicitud está aprobada: solo se puede retirar una solicitud abierta.',
      rejected: 'Esta solicitud está rechazada: solo se puede retirar una solicitud abierta.',
      withdrawn: 'Esta solicitud ya está retirada.',
      superseded:
        'Esta solicitud se sustituyó por una nueva presentación: solo se puede retirar una solicitud abierta.',
    },
  },
  endorse: {
    commentMax: 'Escribe un comentario de respaldo de menos de 2000 caracteres.',
    schema: 'El respaldo no cumpliría el esquema de Open Badges 3.0: {problems}',
    notOwn: 'Una organización no respalda sus propias microcredenciales.',
    approvedOnly: 'Solo se puede respaldar una solicitud aprobada.',
    versionsOnly: 'Los respaldos se emiten para versiones aprobadas de microcredenciales.',
    already: 'Esta aprobación ya está respaldada.',
  },
  sessions: {
    chooseSession: 'Elige la sesión preaprobada que completaste.',
    notPreApproved: 'Esa sesión no está entre las sesiones preaprobadas.',
    declineReason: 'Explica por qué se rechaza la sesión: el proveedor lo leerá.',
    notDecidable: {
      approved: 'Esta sesión está aprobada: no se puede decidir ahora.',
      declined: 'Esta sesión está rechazada: no se puede decidir ahora.',
      withdrawn: 'Esta sesión está retirada: no se puede decidir ahora.',
    },
    notWithdrawable: {
      approved: 'Esta sesión está aprobada: solo se puede retirar una sesión pendiente de decisión.',
      declined: 'Esta sesión está rechazada: solo se puede retirar una sesión pendiente de decisión.',
      withdrawn: 'Esta sesión está retirada: solo se puede retirar una sesión pendiente de decisión.',
    },
    microCredential: 'Elige la microcredencial del consejo a la que conduce la sesión.',
    proofMicroCredential:
      'Elige una microcredencial publicada que se obtenga con un certificado de finalización.',
    title: 'Indica el título de la sesión.',
    presenter: 'Indica el ponente.',
    description: 'Describe el contenido: el programa y lo que los asistentes podrán hacer.',
    firstDay: 'Indica el primer día, p. ej. 2026-04-18.',
    firstDayFormat: 'Escribe el primer día como una fecha, p. ej. 2026-04-18.',
    firstDayNotDate: 'El primer día no es una fecha válida.',
    lastDay: 'Indica el último día, p. ej. 2026-04-18.',
    lastDayFormat: 'Escribe el último día como una fecha, p. ej. 2026-04-18.',
    lastDayNotDate: 'El último día no es una fecha válida.',
    lastBeforeFirst: 'El último día no puede ser anterior al primero.',
    contactHours: 'Indica las horas lectivas, p. ej. 3 o 1,5.',
    contactHoursPositive: 'Las horas lectivas deben ser más de 0.',
    contactHoursMax: 'Las horas lectivas son como máximo 1000.',
    quarterHours: 'Usa como mucho cuartos de hora (p. ej. 1,25).',
  },
  roster: {
    notApproved: 'Sube la lista de asistentes cuando el consejo haya aprobado la sesión.',
    chooseFile: 'Elige el archivo CSV de la lista de asistentes.',
    tooLarge: 'La lista de asistentes ocupa más de 1 MB: divídela en varios archivos.',
    noAttendees: 'El archivo no tiene asistentes: una línea por asistente, con el nombre y luego el correo.',
    tooMany: 'Sube como máximo {max} asistentes cada vez.',
    linesNeedAttention: 'Hay líneas de la lista de asistentes que revisar.',
    badEmails: 'No se subió nada. Escribe un correo electrónico válido en la línea {lines}.',
    noNames: 'No se subió nada. Escribe un nombre en la línea {lines}.',
    badEmailsAndNoNames:
      'No se subió nada. Escribe un correo electrónico válido en la línea {emailLines} y un nombre en la línea {nameLines}.',
  },
};
