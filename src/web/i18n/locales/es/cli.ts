import type { CatalogueOf } from '../en.ts';
import type { cli as en } from '../en/cli.ts';

/** La orden `cairn`: su ayuda, su progreso, sus resultados y sus errores. */
export const cli: CatalogueOf<typeof en> = {
  program: {
    description:
      'Cairn: microcredenciales y Open Badges 3.0, desde la solicitud hasta el crédito reconocido.',
  },
  help: {
    usage: 'Uso:',
    arguments: 'Argumentos:',
    options: 'Opciones:',
    globalOptions: 'Opciones globales:',
    commands: 'Órdenes:',
    helpOption: 'muestra la ayuda de la orden',
    helpCommand: 'muestra la ayuda de una orden',
    default: 'por defecto: {value}',
    settings: 'Ajustes (variables de entorno, o claves del archivo JSON indicado en CAIRN_CONFIG):',
    settingDefault: 'Por defecto: {value}.',
    language:
      'Idioma de la orden `cairn`: en o es. Por defecto: el de LC_ALL, LC_MESSAGES o LANG (es_ES.UTF-8 es español); si no, inglés.',
  },
  parse: {
    unknownOption: 'error: opción desconocida «{option}»',
    unknownCommand: 'error: orden desconocida «{command}»',
    requiredOption: 'error: falta la opción obligatoria «{option}»',
    missingArgument: 'error: falta el argumento obligatorio «{argument}»',
    optionArgumentMissing: 'error: a la opción «{option}» le falta su valor',
    tooManyArguments: 'error: sobran argumentos. Se esperaban {expected} y llegaron {received}.',
    didYouMean: '(¿Quizá querías decir {names}?)',
  },
  settings: {
    PORT: 'Puerto HTTP de `cairn serve`.',
    HOST: 'Dirección en la que escuchar (0.0.0.0 para todas las interfaces).',
    PUBLIC_URL:
      'La URL con la que la gente llega a Cairn; se usa en los enlaces de los correos. Por defecto http://localhost:PORT. Con https:// las cookies son Secure.',
    DATABASE_URL:
      'Un servidor PostgreSQL que usar. Vacío: la base de datos integrada (PGlite) en CAIRN_DATA_DIR.',
    DATABASE_POOL_SIZE: 'Conexiones por proceso a DATABASE_URL.',
    DATABASE_CONNECT_TIMEOUT_MS:
      'Espera máxima por una conexión a DATABASE_URL (una nueva o una libre del grupo). Si la base de datos está caída, las solicitudes reciben un 503 como mucho tras este tiempo.',
    CAIRN_DATA_DIR: 'Carpeta de la base de datos integrada y de los archivos locales.',
    CAIRN_DEMO:
      'Carga las organizaciones y los usuarios de demostración en una base de datos vacía y muestra el buzón de desarrollo.',
    CAIRN_MAILBOX:
      'Muestra el buzón de desarrollo en /dev/mailbox. Por defecto: activo en modo demostración; si no, desactivado.',
    CAIRN_PSEUDO_LOCALE:
      'Permite que la cookie de idioma elija `pseudo`: cada mensaje se muestra entre ⟦ ⟧, para que destaquen los textos que no pasan por el catálogo de mensajes. Para traductores y pruebas.',
    CAIRN_RUN_JOBS:
      '`cairn serve` también ejecuta las tareas en segundo plano. Pon false cuando las ejecuten procesos `cairn worker` aparte.',
    WORKER_CONCURRENCY: 'Tareas que un proceso ejecuta a la vez.',
    JOB_POLL_MS: 'Cada cuánto busca tareas pendientes un proceso de trabajo inactivo (milisegundos).',
    SMTP_URL:
      'Servidor de correo. Vacío: el correo se guarda en la tabla de salida y se muestra en /dev/mailbox.',
    MAIL_FROM: 'Remitente de todos los correos.',
    CAIRN_FETCH_FOREIGN:
      'Permite que la verificación descargue por https los documentos did:web, las URL de claves y las listas de estado de otros emisores (solo direcciones públicas, con límites de tiempo y de tamaño). false: verificar sin conexión.',
    CAIRN_WEBHOOK_ALLOW_PRIVATE:
      'Permite que los webhooks de avisos de finalización lleguen a direcciones locales y privadas (pruebas, intranets). Desactivado: los hosts de los webhooks deben resolverse a direcciones públicas.',
    CAIRN_OB3_ALLOW_PRIVATE:
      'Permite que «Conectar una mochila» llegue por http a servidores de Open Badges 3.0 en direcciones locales y privadas (pruebas, intranets). Desactivado: los demás servidores deben usar https y direcciones públicas.',
    CAIRN_FILE_STORE:
      'Dónde se guardan los archivos de evidencia: en la base de datos (todas las máquinas los comparten) o en disco, en CAIRN_DATA_DIR/files.',
    CAIRN_PAYMENT_PROVIDER:
      'Cómo se pagan las tasas de solicitud: manual = facturas que el personal marca como pagadas (con recibo por correo). Los procesadores de tarjetas se conectan detrás de la misma interfaz; Cairn nunca guarda datos de tarjetas.',
    REVIEW_TURNAROUND_DAYS: 'Una entrega que nadie revisa en este número de días se reasigna a otro revisor.',
    TRUST_PROXY:
      'Detrás de un proxy inverso: toma la dirección del cliente (límites de intentos, registro de auditoría) de X-Forwarded-For.',
    SESSION_DAYS: 'Cuánto dura una sesión sin actividad.',
    LOGIN_MAX_FAILURES:
      'Inicios de sesión fallidos permitidos por correo o por dirección dentro de LOGIN_WINDOW_MINUTES.',
    LOGIN_WINDOW_MINUTES: 'Intervalo de LOGIN_MAX_FAILURES.',
    LOG_LEVEL: 'Nivel de detalle del registro.',
    CAIRN_SECRET:
      'Cifra en reposo las claves privadas de firma de los emisores. Obligatorio salvo con CAIRN_DEMO activo (entonces se genera uno en CAIRN_DATA_DIR). No lo cambies nunca sin volver a cifrar las claves.',
    CAIRN_CONFIG:
      'Archivo JSON opcional con cualquiera de estos ajustes como claves; las variables de entorno tienen prioridad.',
  },
  common: {
    org: 'la organización',
    noOrganisation: 'No hay ninguna organización con la dirección web «{slug}».',
    configInvalid: 'Cairn no puede arrancar: su configuración no es válida:',
    seeHelp: 'Consulta `cairn --help` para ver todos los ajustes.',
  },
  serve: {
    description:
      'Sirve la aplicación web (y ejecuta las tareas en segundo plano salvo con CAIRN_RUN_JOBS=false). Primero migra la base de datos; si está vacía y CAIRN_DEMO está activo, carga la demostración.',
    needsDatabase:
      'CAIRN_RUN_JOBS=false necesita DATABASE_URL: la base de datos integrada atiende a un solo proceso, así que nadie más podría ejecutar las tareas.',
    running: 'Cairn está en marcha en {url} ({where}; {jobs}; listo en {seconds} s)',
    embedded: 'base de datos integrada en {location}',
    postgres: 'PostgreSQL en {location}',
    jobsHere: 'tareas en este proceso',
    jobsElsewhere: 'tareas en procesos de trabajo aparte',
    stop: 'Pulsa Ctrl+C para detenerlo.',
  },
  worker: {
    description:
      'Ejecuta las tareas en segundo plano (correo, recordatorios, emisión) contra DATABASE_URL. Arranca tantos como quieras.',
    once: 'ejecuta todas las tareas pendientes y termina',
    needsDatabase:
      '`cairn worker` necesita DATABASE_URL: con la base de datos integrada, `cairn serve` ejecuta las tareas él mismo.',
  },
  migrate: {
    description:
      'Aplica las migraciones pendientes de la base de datos y termina (serve y worker también lo hacen al arrancar).',
    done: 'La base de datos está al día ({kind}).',
  },
  demo: {
    description:
      'Carga las organizaciones y los usuarios de demostración en una base de datos vacía y muestra sus accesos.',
    seeded: 'Demostración cargada.',
    notSeeded: 'La base de datos ya tiene cuentas; no se ha cargado nada.',
    accounts: 'Cuentas de demostración (contraseña de todas: {password}):',
    logIn: 'Inicia sesión en {login} · el correo que envía Cairn aparece en {mailbox}',
    token:
      'Token de API de {organisation}: {token} (guardado en {file}; funciona hasta que se reinicien los datos de demostración)',
    issueHowTo: 'Emite una credencial firmada de Open Badges 3.0 mediante la API W3C VC:',
    verifyHowTo: 'Verifica una: {command}',
  },
  publicUrl: {
    description:
      'La URL pública con la que se sirve esta base de datos: de ella salen los identificadores did:web y las listas de estado, así que todos los procesos deben usar la misma.',
    show: 'Muestra la URL pública guardada en la base de datos (la registra el primer arranque).',
    none: 'Aún no hay ninguna guardada: el próximo `cairn serve` o `cairn worker` registrará su PUBLIC_URL.',
    set: 'Cambia la URL pública a propósito: la guarda y vuelve a firmar todas las listas de estado con los nuevos identificadores did:web (también repara las listas firmadas con otra dirección). Después, reinicia todos los procesos con PUBLIC_URL=<url>.',
    changed: 'La URL pública ha cambiado de {previous} a {url}.',
    unchanged: 'La URL pública es {url}.',
    organisation: '<organización>',
    resigned:
      '{count, plural, one {Se ha vuelto a firmar {count} lista de estado} other {Se han vuelto a firmar {count} listas de estado}} como {did}; todos los procesos que arranquen con la nueva dirección sirven allí los documentos DID.',
    startLocal: 'PUBLIC_URL={url} (o solo PORT={port} si PUBLIC_URL no está definida)',
    restart:
      'Ahora arranca Cairn con {start} y reinicia cualquier proceso que siga en marcha con otra dirección.',
  },
  tokens: {
    description:
      'Tokens de API de la organización para la API JSON (/api/v1) y la API VC (/credentials/issue).',
    create: 'Crea un token de API para una organización y lo muestra (solo se muestra una vez).',
    name: 'para qué es el token',
    defaultName: 'Token de la línea de órdenes',
    scope: 'qué puede hacer el token, separado por comas (por defecto, todo esto: {scopes})',
    created:
      'Token {id} creado para {organisation} con los ámbitos {scopes}. Guárdalo ahora: no se puede volver a mostrar.',
  },
  keys: {
    description:
      'Claves de firma del emisor (Ed25519, publicadas en el documento did:web de la organización).',
    list: 'Lista las claves de una organización.',
    created: 'creada {at}',
    rotate:
      'Empieza a firmar con una clave nueva; la anterior sigue publicada para que las insignias ya emitidas se sigan verificando.',
    algorithm: 'Ed25519 (Data Integrity y JWT EdDSA) o RSA (JWT RS256)',
    algorithmInvalid: '--algorithm debe ser Ed25519 o RSA',
    rotated: 'Nueva clave {algorithm} activa {id} para {organisation}.',
    revoke: 'Marca una clave como comprometida: las credenciales que firmó dejan de verificarse.',
    key: 'el id de la clave (de `cairn keys list`)',
    reason: 'por qué, para que conste',
    noKey: 'No hay ninguna clave vigente {key} en {organisation}.',
    revoked: 'La clave {key} está revocada. Rota la clave para seguir emitiendo: {command}',
  },
  verify: {
    description:
      'Verifica una credencial (JSON, JWS compacto o una insignia PNG/SVG con la credencial incrustada) y muestra el informe; termina con 0 si se verifica y con 1 si no. Pregunta al Cairn en marcha en PUBLIC_URL, o comprueba sin conexión (solo did:key) con --offline.',
    offline: 'verifica sin ningún servidor (solo emisores did:key)',
    json: 'muestra el informe en JSON',
    needsNetwork: 'Descargar una URL necesita la red: quita --offline y deja CAIRN_FETCH_FOREIGN activo.',
    notBaked: '{file} es una imagen {kind} sin ninguna insignia incrustada.',
    cannotRead: 'No se puede leer {file}: {reason}',
    keyNeedsNetwork: '{key} necesita consultar la red; ejecútalo sin --offline contra un servidor Cairn',
    listNeedsNetwork: 'la lista de estado {url} necesita consultar la red',
    unreachable:
      'No se puede conectar con Cairn en {url} ({reason}). Arráncalo con `cairn serve`, define PUBLIC_URL o usa --offline.',
    verified: 'VERIFICADA',
    notVerified: 'NO VERIFICADA',
  },
  issue: {
    description:
      'Otorga una microcredencial publicada a una persona por correo (--email) o a todas las de una lista CSV (--csv): se emiten y guardan credenciales firmadas y se ponen en cola los correos para reclamarlas.',
    org: 'la organización emisora',
    microCredential: 'la microcredencial: su id (mc_…) o su dirección web',
    email: 'quien la recibe',
    narrative: 'relato de la evidencia',
    evidenceUrl: 'una página que muestra la evidencia',
    credits: 'créditos obtenidos, p. ej. 1.5',
    issuedOn: 'fecha de emisión, AAAA-MM-DD (por defecto: hoy)',
    csv: 'otorgamiento masivo: una lista CSV con una línea de encabezado (se lee por partes; de cualquier tamaño)',
    map: 'otorgamiento masivo: columnas como pares campo=columna, p. ej. email=Email,name=Nombre,externalId=Id de estudiante (por defecto: deducidas del encabezado)',
    dryRun: 'otorgamiento masivo: comprueba cada fila y muestra el informe; no emite nada',
    run: 'otorgamiento masivo: emite (o reanuda, o sigue) una tanda anterior por su id (run_…)',
    needsRecipient: 'Indica --email <dirección> (una persona) o --csv <archivo> (una lista).',
    issued: '{id} emitida a {email}.',
  },
  bulk: {
    read: 'Leídas {total} filas de {file} (tanda {run}).',
    columns: 'Columnas: {columns}',
    noColumns: '(no se reconoce ninguna: usa --map email=<columna>)',
    dryRun:
      'Prueba sin emitir: {valid} para emitir, {invalid} con problemas, {duplicate} duplicadas, {alreadyIssued} ya emitidas.',
    unusedColumns: 'Columnas sin usar: {columns}.',
    problem: 'línea {line}: {error}',
    everyRow: '… consulta {url} para ver todas las filas',
    nothingIssued: 'No se ha emitido nada (--dry-run). Emite más tarde con: {command}',
    noRow: 'No se puede emitir ninguna fila.',
    issuing: 'Emitiendo: {issued} emitidas, {skipped} omitidas de {valid} ({percent} %)',
    done: 'Hecho: {issued} emitidas, {skipped} omitidas de {valid} ({percent} %)',
    failed: 'La emisión ha fallado: {error}',
  },
  bake: {
    description:
      'Incrusta una credencial (archivo JSON o JWS compacto) en una imagen de insignia PNG o SVG, sustituyendo la que ya tuviera.',
    credential: 'la credencial firmada',
    image: 'la imagen de la insignia (PNG o SVG, reconocida por su contenido)',
    out: 'dónde escribir la imagen con la credencial',
    notImage: '{file} no es una imagen PNG ni SVG.',
    baked: 'Incrustada en {file} ({kind}, {bytes} bytes).',
    cannotBake: 'No se puede incrustar: {reason}',
  },
  backup: {
    description:
      'Escribe en un archivo una copia cifrada y coherente de la base de datos (y de los archivos de evidencia guardados en disco). Las claves de los emisores siguen selladas con CAIRN_SECRET: guarda también ese secreto, la restauración necesita el mismo.',
    out: 'dónde escribir la copia (se escribe al lado y luego se renombra: nunca queda a medias)',
    passphraseFile:
      'un archivo con la frase de paso (si no, CAIRN_BACKUP_PASSPHRASE); al menos 12 caracteres',
    passphraseUnreadable: 'No se puede leer el archivo de la frase de paso {file}: {reason}',
    passphraseMissing:
      'Indica la frase de paso de la copia en un archivo (--passphrase-file <archivo>) o en CAIRN_BACKUP_PASSPHRASE.',
    table: '{table}: {rows, plural, one {{rows} fila} other {{rows} filas}}',
    filesOnDisk: 'archivos de evidencia en disco: {count}',
    done: 'Copiadas {tables} tablas ({rows} filas) y {files} archivos en disco en {file} ({bytes} bytes, cifrado).',
  },
  restore: {
    description:
      'Restaura una copia en una base de datos VACÍA (DATABASE_URL, o la integrada en CAIRN_DATA_DIR): primero migra, restaura en una sola transacción y comprueba cada recuento y cada hash. Necesita el CAIRN_SECRET del sitio copiado. Rechaza una base de datos que tenga datos.',
    in: 'el archivo de la copia',
    passphraseFile: 'un archivo con la frase de paso (si no, CAIRN_BACKUP_PASSPHRASE)',
    done: 'Restaurada la copia del {createdAt} (Cairn {version}, {database}): {tables} tablas, {rows} filas, {files} archivos de evidencia; comprobados todos los recuentos y hashes. Las sesiones empiezan de nuevo (no van en las copias).',
  },
  errors: {
    /** Ajustes que impiden arrancar: cada uno nombra la variable y lo que se admite. */
    config: {
      problem: '{name}={value}: debe ser {requirement}',
      wholeNumber: 'un número entero del {min} al {max}',
      atLeast: 'de al menos {min} caracteres',
      absoluteUrl: 'una URL http(s) absoluta, como https://badges.example.org',
      httpUrl: 'una URL http(s)',
      postgresUrl: 'una URL de conexión postgres://',
      smtpUrl: 'una URL smtp:// o smtps://, como smtp://user:pass@mail.example.org:587',
      secretLength: 'de al menos {min} caracteres (por ejemplo, la salida de `openssl rand -base64 32`)',
      oneOf: 'uno de estos valores: {values}',
      secretRequired:
        'CAIRN_SECRET: es obligatorio cuando CAIRN_DEMO=false; cifra las claves de firma. Genera uno con `openssl rand -base64 32`.',
      fileMissing: 'CAIRN_CONFIG: el archivo {path} no existe',
      notJson: 'CAIRN_CONFIG: {path} no es JSON válido ({reason})',
      notObject: 'CAIRN_CONFIG: {path} debe contener un único objeto JSON con los ajustes',
      unknownSetting: '{key} (en {path}): no es un ajuste de Cairn; los conocidos son: {known}',
    },
    /** Direcciones públicas rechazadas: al arrancar (hay otra guardada) y con `cairn public-url set`. */
    publicUrl: {
      mismatch:
        'Esta base de datos pertenece al Cairn de {stored}, pero este proceso se arrancó para {wanted} (PUBLIC_URL, o http://localhost:PORT si PUBLIC_URL no está definida).\nLas insignias y las listas de estado nombran a su organización por esa dirección ({didBase}<organización>), así que todos los procesos de una misma base de datos deben usar la misma: con otra, las listas de estado se firmarían con otro nombre y las insignias dejarían de verificarse.\n  • Para quedarte con {stored}: {keep}.\n  • Para pasar a {wanted}: ejecuta `npx cairn public-url set {wanted}` con la misma DATABASE_URL o CAIRN_DATA_DIR y vuelve a arrancar igual que antes.\n    Vuelve a firmar las listas de estado para la nueva dirección. Las insignias emitidas antes siguen nombrando {stored} y solo se verifican donde esa dirección siga llegando a este Cairn.',
      keepLocal: 'arranca con PORT={port} (si PUBLIC_URL no está definida), o con PUBLIC_URL={stored}',
      keepUrl: 'arranca con PUBLIC_URL={stored}',
      notAddress:
        '«{url}» no es una dirección web: indica una como https://badges.example.org o http://localhost:3001.',
      notHttp: '«{url}» debe empezar por https:// (o http:// para una demostración local).',
      notPlain: '«{url}» debe ser una dirección sencilla, sin ?consulta, #fragmento ni nombre de usuario.',
    },
    /** Copias de seguridad y restauraciones (cada rechazo dice qué hacer; no se ha escrito nada). */
    backup: {
      unreadableRecord: 'La copia está dañada: no se puede leer un registro.',
      newerVersion:
        'Esta copia la hizo un Cairn más reciente ({version}; aquí no se conocen las migraciones {migrations}). Restáurala con esa versión.',
      otherSchema:
        'Esta copia la hizo Cairn {version} con otro esquema de base de datos. Restáurala con esa versión y luego actualiza.',
      otherSecret:
        'Este CAIRN_SECRET no es con el que se hizo la copia, así que las claves de firma de los emisores que contiene no se abrirían. Pon en CAIRN_SECRET el valor original (en modo demostración es el archivo `secret` del CAIRN_DATA_DIR original) y vuelve a restaurar.',
      notEmpty:
        'La base de datos no está vacía ({tables} tienen filas). Restaura en una base de datos nueva y vacía: una restauración nunca se mezcla con datos existentes.',
      manifestMismatch: 'La copia no coincide con su manifiesto.',
      tableCount: 'La tabla {table} no se restauró con {rows} filas.',
      keyDoesNotOpen: 'La clave de emisor {key} no se abre con este CAIRN_SECRET; no se ha restaurado nada.',
      unknownTable: 'La copia tiene una tabla que este Cairn no conoce: {table}.',
      unknownColumns: 'La tabla {table} de la copia tiene columnas que este Cairn no conoce: {columns}.',
      noFile: 'No existe el archivo {file}.',
      noHeader: 'La copia está dañada: no tiene encabezado.',
      afterManifest: 'La copia tiene registros después de su manifiesto.',
      rowOutsideTable: 'La copia está dañada: hay una fila fuera de cualquier tabla.',
      tableEndWithoutStart: 'La copia está dañada: termina una tabla que nunca empezó.',
      tableMismatch:
        'La copia está dañada: la tabla {table} no coincide con su recuento y su hash registrados.',
      badFileName: 'La copia está dañada: un archivo tiene un nombre incorrecto.',
      bytesOutsideFile: 'La copia está dañada: hay bytes de archivo fuera de cualquier archivo.',
      fileEndWithoutStart: 'La copia está dañada: termina un archivo que nunca empezó.',
      fileMismatch: 'La copia está dañada: el archivo de evidencia {sha256} no coincide con su hash.',
      unknownRecord: 'La copia está dañada: hay un registro de un tipo desconocido.',
      noManifest: 'La copia está incompleta: no tiene manifiesto.',
      endsInside: 'La copia está incompleta: termina dentro de una tabla o de un archivo.',
      notABackup: '{file} no es una copia de seguridad de Cairn (no empieza como una).',
      headerUnreadable: '{file} está dañado: no se puede leer su encabezado.',
      wrongPassphrase:
        'La frase de paso no abre esta copia. Revisa CAIRN_BACKUP_PASSPHRASE o --passphrase-file.',
      cutShort: 'La copia está incompleta: termina antes de su última parte (¿se cortó al copiarla?).',
      damagedPart: 'La copia está dañada en la parte {part}.',
      alteredPart:
        'La copia está dañada o se modificó: la parte {part} no supera su comprobación de integridad.',
      dataAfterEnd: 'La copia tiene datos después de su última parte: se modificó.',
      endsMidRecord: 'La copia termina en mitad de un registro.',
      evidenceChanged:
        'El archivo de evidencia {sha256} en disco no coincide con su hash: se modificó o está dañado.',
      passphraseTooShort: 'La frase de paso de la copia debe tener al menos {min} caracteres.',
      badEvidenceKey: 'Un archivo de evidencia tiene una clave incorrecta: {sha256}',
      evidenceMissing:
        'Falta el archivo de evidencia {sha256} en {folder}: la copia quedaría incompleta. Revisa CAIRN_DATA_DIR.',
    },
  },
  export: {
    description:
      'Escribe todos los datos de una organización (diseños, versiones, solicitudes, credenciales, tandas, miembros, programas, registro de créditos, registro de auditoría) en un ZIP de archivos JSON. Los secretos se dejan fuera.',
    out: 'dónde escribir el ZIP',
    done: '{organisation} exportada a {file}.',
  },
};
