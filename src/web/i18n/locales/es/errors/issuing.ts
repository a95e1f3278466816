import type { CatalogueOf } from '../../en.ts';
import type { issuingErrors as en } from '../../en/errors/issuing.ts';

/** Lo que responden las órdenes de emisión: concesiones, concesiones masivas, la API, estados y reclamaciones. */
export const issuingErrors: CatalogueOf<typeof en> = {
  organisation: {
    name: 'Indica la organización.',
    issuersOnly: 'Solo las organizaciones emisoras emiten credenciales.',
    tokenInvalid: 'Ese token de API no es válido (revocado o mal escrito).',
  },
  award: {
    notPublished: 'Esta organización no tiene publicada esa microcredencial.',
    choosePublished: 'Elige una microcredencial publicada.',
    retired: 'Esa microcredencial está retirada: ya no se puede conceder.',
    dateFormat: 'Usa una fecha como 2026-05-01.',
    calendarDate: 'Esa fecha no existe en el calendario.',
    nameMicroCredential: 'Indica la microcredencial (su identificador, mc_…).',
    evidenceUrl: 'Usa una dirección web completa (https://…).',
  },
  bulk: {
    mapColumns: 'Empareja las columnas del archivo.',
    chooseEmailColumn: 'Elige la columna con los correos electrónicos de las personas destinatarias.',
    unknownField:
      '«{field}» no es algo con lo que se pueda emparejar una columna. Usa uno de estos: {fields}.',
    unknownFieldShort: 'Campo desconocido.',
    noSuchColumn: 'El archivo no tiene ninguna columna «{column}» (sus columnas: {columns}).',
    mapOption:
      '--map recibe pares campo=columna separados por comas (campos: {fields}); «{pair}» no es uno de ellos.',
    duplicateColumn:
      'La cabecera nombra dos veces la columna «{column}». Da a cada columna un nombre distinto.',
    distinctColumns: 'Los nombres de las columnas deben ser distintos.',
    tooManyRows: 'El archivo tiene más de {max} filas. Divídelo en varios archivos.',
    tooManyRowsShort: 'Demasiadas filas.',
    emptyFile: 'El archivo está vacío. Sube un archivo CSV cuya primera línea nombre las columnas.',
    empty: 'El archivo está vacío.',
    noRows: 'El archivo tiene cabecera pero ninguna fila.',
    noRowsShort: 'No hay filas debajo de la cabecera.',
    notCsv: 'No se pudo leer el archivo como CSV. {reason}',
    sendCsv: 'Envía el archivo CSV.',
    tooLarge: 'Ese archivo es demasiado grande (como máximo {max} MB).',
    tooLargeShort: 'El archivo es demasiado grande.',
    contentType: 'Envía el archivo CSV como cuerpo de la petición con Content-Type: text/csv.',
    noBody: 'La petición no tiene cuerpo: envía el archivo CSV.',
    chooseFile: 'Elige un archivo CSV para subir.',
    nameRun: 'Indica la emisión masiva.',
    started: 'Esta emisión masiva ya empezó; su emparejamiento de columnas ya no puede cambiar.',
    stillChecking: 'Aún se están comprobando las filas; espera a que termine la prueba.',
    mapFirst: 'Empareja las columnas y revisa la prueba antes de emitir.',
    nothingToIssue: 'No se puede emitir ninguna fila: corrige el archivo y vuelve a subirlo.',
  },
  rows: {
    unknownColumnOne: '1 valor en una columna que la cabecera no nombra (columna desconocida): «{value}».',
    unknownColumnMany:
      '{count} valores en una columna que la cabecera no nombra (columna desconocida): «{value}».',
    noEmail: 'Falta la dirección de correo electrónico.',
    notEmail: '«{value}» no es una dirección de correo electrónico.',
    nameTooLong: 'El nombre tiene más de 200 caracteres.',
    externalIdTooLong: 'El identificador externo tiene más de 200 caracteres.',
    credits: 'Los créditos «{value}» no son un número del 0 al 10000.',
    issueDate: 'La fecha de emisión «{value}» no es una fecha como 2026-05-01.',
    evidenceUrl: 'La URL de la evidencia «{value}» no es una dirección web (https://…).',
    narrativeTooLong: 'La descripción tiene más de 20000 caracteres.',
    duplicate: 'Misma persona destinataria que la fila {row}: se emite una sola vez.',
    duplicateExternalId:
      'Misma persona destinataria e identificador externo que la fila {row}: se emite una sola vez.',
    alreadyHolds: 'Ya tiene esta versión de la microcredencial (de una concesión anterior).',
    alreadyIssued: 'Ya se emitió a esta persona para esta versión de la microcredencial.',
    earlierInBatch: 'La misma persona destinataria aparece antes en este lote.',
    earlierNotIssued: 'La misma persona destinataria aparece antes y no se pudo emitir.',
  },
  api: {
    before: 'before es el valor `next` de una página anterior (un número entero).',
    beforeShort: 'Usa el valor next de la página anterior.',
  },
  status: {
    chooseAction: 'Elige revocar, suspender o restablecer.',
    revokedForGood: 'Esta credencial está revocada; la revocación es definitiva.',
    noEntry: 'Esta credencial no tiene una entrada de estado para ese cambio.',
    notSuspended: 'Esta credencial no está suspendida.',
    alreadySuspended: 'Esta credencial ya está suspendida.',
    revokeReason: 'Explica por qué se revoca la credencial; el motivo se muestra públicamente.',
    revokeManyReason: 'Explica por qué se revocan estas credenciales; el motivo se muestra públicamente.',
    giveReason: 'Indica un motivo.',
    selectOne: 'Selecciona al menos una credencial.',
    tooMany: 'Cambia como máximo 1000 credenciales a la vez.',
  },
  claim: {
    linkInvalid:
      'Este enlace para reclamar no es válido. Usa el enlace más reciente de tu correo, o inicia sesión: las insignias enviadas a tus direcciones confirmadas se pueden reclamar desde tu cuenta.',
    linkUsedAccepted: 'Esta insignia ya se aceptó: el enlace no se puede volver a usar.',
    linkUsedDeclined: 'Esta insignia ya se rechazó: el enlace no se puede volver a usar.',
    linkExpired: 'Este enlace para reclamar caducó. Pide uno nuevo: llegará a la misma dirección.',
    otherAccount:
      'Esta insignia se envió a {email}, que pertenece a otra cuenta de Cairn. Inicia sesión en esa cuenta para aceptarla.',
    tooManyAddresses:
      'Tu cuenta ya tiene {max} direcciones. Quita una en tu perfil y después acepta la insignia.',
    alreadyDecided: 'Esta insignia ya se aceptó o se rechazó.',
    alreadyAccepted: 'Esta insignia ya estaba aceptada.',
    alreadyDeclined: 'Esta insignia ya estaba rechazada.',
    chooseDecision: 'Elige aceptar o rechazar.',
    useLink: 'Usa el enlace de tu correo.',
    logInToAccept: 'Inicia sesión o crea una cuenta para aceptar esta insignia.',
    accountExists: 'Ya existe una cuenta con este correo. Inicia sesión para aceptar la insignia.',
  },
  credential: {
    absoluteIri: 'Usa una URL absoluta o un URN.',
    dateTime: 'Usa una fecha y hora ISO 8601 como 2026-05-01T00:00:00Z.',
    did: 'Usa un DID como did:key:z6Mk….',
    nameAchievement: 'Ponle nombre al logro.',
    describeAchievement: 'Describe el logro.',
    recipient: 'Indica el correo electrónico o el DID de la persona destinataria.',
    oneSource: 'Indica una microcredencial o un logro, no ambos.',
    validUntil: 'validUntil debe ser posterior a validFrom.',
    idTaken:
      'Tu organización ya emitió una credencial con el identificador {id}. Da a cada credencial su propio identificador, o no lo indiques y Cairn creará uno.',
    idTakenShort: 'Usa un identificador que tu organización no haya usado antes.',
    schema: 'La credencial no cumpliría el esquema de Open Badges 3.0: {problems}',
    acceptedBySystem: 'Solo Cairn puede marcar una credencial como aceptada en nombre de quien la obtuvo.',
    notVcdm:
      'Esta credencial no sigue el modelo de datos W3C Verifiable Credentials, así que no se firmó: {problem}',
    notVcdmOneMore:
      'Esta credencial no sigue el modelo de datos W3C Verifiable Credentials, así que no se firmó: {problem} (y 1 problema más, indicado en los campos)',
    notVcdmMore:
      'Esta credencial no sigue el modelo de datos W3C Verifiable Credentials, así que no se firmó: {problem} (y {count} problemas más, indicados en los campos)',
    notJsonLd: 'Esta credencial no es JSON-LD válido, así que no se firmó: {problem}',
    hasProof: 'La credencial ya tiene una prueba (proof).',
    sendUnsigned: 'Envía una credencial sin firmar.',
    statusByCairn:
      'Cairn asigna las entradas de estado por sí mismo, en las listas de estado de tu organización, para poder revocar o suspender la credencial más adelante. No incluyas credentialStatus.',
    statusByCairnShort: 'No lo incluyas: Cairn lo añade.',
    didKeyRs256:
      'Un emisor did:key firma con su clave Ed25519: RS256 solo está disponible con el did:web de tu organización.',
    didKeyRs256Short: 'Usa EdDSA, o emite como did:web.',
    issuerMismatch: 'Este token emite como {issuer}; la credencial indica {named}.',
    issuerMismatchDidKey:
      'Este token emite como {issuer} (el did:key de su clave de firma activa); la credencial indica {named}.',
    useIssuer: 'Usa {issuer}, o no indiques el emisor.',
  },
  documents: {
    jwtKeyRevoked:
      'Su emisor revocó la clave que firmó esta insignia, así que no se puede generar un VC-JWT para ella. La credencial (JSON) sigue disponible.',
    jwtPreparing:
      'El VC-JWT de esta insignia se está preparando. Vuelve a intentarlo en breve; la credencial (JSON) ya está disponible.',
    statusListPublishing: 'Esta lista de estado se está publicando. Vuelve a intentarlo en breve.',
  },
};
