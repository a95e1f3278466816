import type { CatalogueOf } from '../../en.ts';
import type { earningErrors as en } from '../../en/errors/earning.ts';

/** Lo que responden las órdenes de obtención: solicitudes, evidencias, revisiones, calibración, resultados y equipos. */
export const earningErrors: CatalogueOf<typeof en> = {
  apply: {
    notByEvidence:
      'Esta microcredencial no se obtiene enviando evidencias; su emisor la concede directamente.',
    alreadyOpen: 'Ya tienes una solicitud abierta para esta microcredencial.',
    alreadyClosed: 'Esta solicitud ya está cerrada.',
  },
  evidence: {
    notOpen: 'Esta solicitud no admite cambios ahora.',
    cannotSubmit: 'Esta solicitud no se puede enviar ahora.',
    deadlinePassed: 'El plazo ya terminó.',
    noSuchPart: 'No existe esa parte de la evidencia.',
    uploadFile: 'Sube un archivo para esta parte.',
    fullAddress: 'Escribe una dirección web completa que empiece por https://.',
    tooManyWords: 'Usa como máximo {max} palabras (tienes {count}).',
    needsAttention: 'Algunas evidencias necesitan atención.',
    someNeedAttention: 'Algunas evidencias necesitan atención; el resto está guardado.',
    missing: 'Falta: {prompt}',
    someMissing: 'Falta parte de la evidencia obligatoria.',
    noFile: 'Esta parte no admite archivos.',
    emptyFile: 'El archivo está vacío.',
    fileTooLarge: 'Los archivos de esta parte pueden ocupar como máximo {max} MB.',
    fileType: 'Sube un PDF, una imagen (PNG, JPEG), un documento de Office o un vídeo MP4.',
  },
  review: {
    overallFeedback: 'Escribe un comentario general para la persona solicitante.',
    decide: 'Decide: aprobar o necesita cambios.',
    scoreCriterion: 'Puntúa «{criterion}».',
    scoreEvery: 'Puntúa todos los criterios de la rúbrica.',
    mustPass:
      'Estas puntuaciones cumplen la regla de aprobado de la rúbrica, así que la decisión debe ser «Aprobar».',
    mustRevise:
      'Estas puntuaciones no cumplen la regla de aprobado de la rúbrica, así que la decisión debe ser «Necesita cambios».',
    contradicts: 'La decisión contradice las puntuaciones.',
    alreadyReviewed: 'Este envío ya está revisado.',
    reviewedAlready: 'Ese envío ya se ha revisado.',
    withdrawn: 'La persona solicitante retiró esta solicitud.',
    notEligible: 'Elige un revisor de esta organización que no sea la persona solicitante.',
    calibrateReviewed: 'Calibra envíos ya revisados: este aún no tiene una primera revisión.',
    noSecondReviewer: 'No hay otro revisor disponible para una segunda revisión.',
    calibrationDone: 'Esta revisión de calibración ya está hecha.',
  },
  outcome: {
    dateFormat: 'Usa una fecha como 2026-05-01.',
    peerReviewed:
      'Esta microcredencial se obtiene con evidencias revisadas por pares, no registrando resultados.',
    enterScore: 'Escribe la puntuación de la evaluación.',
    scoreRange: 'Escribe la puntuación (0–100).',
    belowPassMark: 'Una puntuación de {score} está por debajo de la puntuación mínima de {passingScore}.',
  },
  teams: {
    name: 'Ponle nombre al equipo.',
    chooseMicroCredentials: 'Elige al menos una microcredencial para trabajar juntos.',
    notInCatalog: 'Algunas microcredenciales no están en el catálogo.',
    choosePublished: 'Elige microcredenciales publicadas.',
    invitationUsed: 'Esta invitación al equipo caducó o ya se usó.',
    alreadyMember: 'Ya estás en este equipo.',
    confirmAddress: 'Esta invitación se envió a {email}; confirma primero esa dirección en tu perfil.',
  },
};
