/**
 * The `cairn` command: its help, progress, results and errors. Ids, JSON, CSV and tokens it prints
 * for scripts are not messages. Counts that scripts and tests read stay plain digits ({rows}, not #).
 */
export const cli = {
  program: {
    description: 'Cairn: micro-credentials and Open Badges 3.0, from application to recognized credit.',
  },
  help: {
    usage: 'Usage:',
    arguments: 'Arguments:',
    options: 'Options:',
    globalOptions: 'Global Options:',
    commands: 'Commands:',
    helpOption: 'display help for command',
    helpCommand: 'display help for command',
    default: 'default: {value}',
    settings: 'Settings (environment variables, or keys of the JSON file named by CAIRN_CONFIG):',
    settingDefault: 'Default: {value}.',
    language:
      'Language of the `cairn` command: en or es. Default: from LC_ALL, LC_MESSAGES or LANG (es_ES.UTF-8 is Spanish), else English.',
  },
  parse: {
    unknownOption: "error: unknown option ''{option}''",
    unknownCommand: "error: unknown command ''{command}''",
    requiredOption: "error: required option ''{option}'' not specified",
    missingArgument: "error: missing required argument ''{argument}''",
    optionArgumentMissing: "error: option ''{option}'' argument missing",
    tooManyArguments: 'error: too many arguments. Expected {expected} but got {received}.',
    didYouMean: '(Did you mean {names}?)',
  },
  settings: {
    PORT: 'HTTP port for `cairn serve`.',
    HOST: 'Address to listen on (0.0.0.0 for all interfaces).',
    PUBLIC_URL:
      'The URL people reach Cairn at; used in links in mail. Default http://localhost:PORT. https:// makes cookies Secure.',
    DATABASE_URL: 'A PostgreSQL server to use. Empty: the embedded database (PGlite) in CAIRN_DATA_DIR.',
    DATABASE_POOL_SIZE: 'Connections per process to DATABASE_URL.',
    DATABASE_CONNECT_TIMEOUT_MS:
      'Longest wait for a connection to DATABASE_URL (a new one, or a free one from the pool). When the database is down, requests get a 503 after at most this long.',
    CAIRN_DATA_DIR: 'Folder for the embedded database and local files.',
    CAIRN_DEMO: 'Seed demo organisations and users into an empty database, and show the developer mailbox.',
    CAIRN_MAILBOX: 'Show the developer mailbox at /dev/mailbox. Default: on in demo mode, off otherwise.',
    CAIRN_PSEUDO_LOCALE:
      'Let the language cookie choose `pseudo`: every message shown wrapped in ⟦ ⟧, so words that bypass the message catalogue stand out. For translators and tests.',
    CAIRN_RUN_JOBS:
      '`cairn serve` also runs background jobs. Set false when separate `cairn worker` processes run them.',
    WORKER_CONCURRENCY: 'Jobs one process runs at once.',
    JOB_POLL_MS: 'How often an idle worker looks for due jobs (milliseconds).',
    SMTP_URL: 'Mail server. Empty: mail is kept in the outbox table and shown at /dev/mailbox.',
    MAIL_FROM: 'Sender of every email.',
    CAIRN_FETCH_FOREIGN:
      "Let verification fetch other issuers' did:web documents, key URLs and status lists over https (public addresses only, with timeouts and size limits). false: verify offline.",
    CAIRN_WEBHOOK_ALLOW_PRIVATE:
      'Let completion-notice webhooks reach loopback and private addresses (tests, intranets). Off: webhook hosts must resolve to public addresses.',
    CAIRN_OB3_ALLOW_PRIVATE:
      'Let "Connect a backpack" reach Open Badges 3.0 hosts on loopback and private addresses over http (tests, intranets). Off: other hosts must be https on public addresses.',
    CAIRN_FILE_STORE:
      'Where evidence files are kept: in the database (every machine shares them) or on disk in CAIRN_DATA_DIR/files.',
    CAIRN_PAYMENT_PROVIDER:
      'How application fees are paid: manual = invoices that staff mark paid (receipts emailed). Card processors plug in behind the same interface; Cairn never stores card data.',
    REVIEW_TURNAROUND_DAYS:
      'A submission not reviewed within this many days is reassigned to another reviewer.',
    TRUST_PROXY:
      'Behind a reverse proxy: take the client address (rate limiting, audit log) from X-Forwarded-For.',
    SESSION_DAYS: 'How long a login lasts without activity.',
    LOGIN_MAX_FAILURES: 'Failed logins allowed per email or per address within LOGIN_WINDOW_MINUTES.',
    LOGIN_WINDOW_MINUTES: 'Window for LOGIN_MAX_FAILURES.',
    LOG_LEVEL: 'Log verbosity.',
    CAIRN_SECRET:
      "Encrypts issuers' private signing keys at rest. Required unless CAIRN_DEMO is on (then one is generated into CAIRN_DATA_DIR). Never change it without re-encrypting keys.",
    CAIRN_CONFIG: 'Optional JSON file with any of these settings as keys; environment variables win.',
  },
  common: {
    org: 'the organisation',
    noOrganisation: 'No organisation with the slug "{slug}".',
    configInvalid: 'Cairn cannot start, its configuration is invalid:',
    seeHelp: 'See `cairn --help` for every setting.',
  },
  serve: {
    description:
      'Serve the web app (and run background jobs unless CAIRN_RUN_JOBS=false). Migrates the database first; seeds the demo into an empty one when CAIRN_DEMO is on.',
    needsDatabase:
      'CAIRN_RUN_JOBS=false needs DATABASE_URL: the embedded database serves one process, so nothing else could run the jobs.',
    running: 'Cairn is running at {url} ({where}; {jobs}; ready in {seconds} s)',
    embedded: 'embedded database in {location}',
    postgres: 'PostgreSQL at {location}',
    jobsHere: 'jobs in this process',
    jobsElsewhere: 'jobs in separate workers',
    stop: 'Press Ctrl+C to stop.',
  },
  worker: {
    description:
      'Run background jobs (mail, reminders, issuing) against DATABASE_URL. Start as many as you like.',
    once: 'run every due job, then exit',
    needsDatabase:
      '`cairn worker` needs DATABASE_URL: with the embedded database, `cairn serve` runs the jobs itself.',
  },
  migrate: {
    description: 'Apply pending database migrations and exit (also done by serve and worker on start).',
    done: 'Database is up to date ({kind}).',
  },
  demo: {
    description: 'Seed the demo organisations and users into an empty database and print their logins.',
    seeded: 'Seeded the demo.',
    notSeeded: 'The database already has accounts; nothing seeded.',
    accounts: 'Demo accounts (password for all: {password}):',
    logIn: 'Log in at {login} · mail sent by Cairn appears at {mailbox}',
    token: 'API token for {organisation}: {token} (kept in {file}; it works until the demo data is reset)',
    issueHowTo: 'Issue a signed Open Badges 3.0 credential through the W3C VC API:',
    verifyHowTo: 'Verify one: {command}',
  },
  publicUrl: {
    description:
      'The public URL this database is served at: did:web identifiers and status lists are made from it, so every process must use the same one.',
    show: 'Print the public URL stored in the database (recorded by the first start).',
    none: 'None stored yet: the next `cairn serve` or `cairn worker` records its PUBLIC_URL.',
    set: 'Change the public URL deliberately: store it and re-sign every status list under the new did:web identifiers (also repairs lists signed under another address). Restart every process with PUBLIC_URL=<url> afterwards.',
    changed: 'Public URL changed from {previous} to {url}.',
    unchanged: 'Public URL is {url}.',
    organisation: '<organisation>',
    resigned:
      'Re-signed {count, plural, one {{count} status list} other {{count} status lists}} as {did}; DID documents are served at the new address by every process started with it.',
    startLocal: 'PUBLIC_URL={url} (or just PORT={port} when PUBLIC_URL is not set)',
    restart: 'Now start Cairn with {start}, and restart any process still running with another address.',
  },
  tokens: {
    description: 'Organisation API tokens for the JSON API (/api/v1) and the VC API (/credentials/issue).',
    create: 'Create an API token for an organisation and print it (only shown once).',
    name: 'what the token is for',
    defaultName: 'CLI token',
    scope: 'what the token may do, comma-separated (default: all of {scopes})',
    created:
      'Created token {id} for {organisation} with scopes {scopes}. Store it now: it cannot be shown again.',
  },
  keys: {
    description: "Issuer signing keys (Ed25519, published in the organisation's did:web document).",
    list: "List an organisation's keys.",
    created: 'created {at}',
    rotate: 'Start signing with a new key; the old one stays published so existing badges keep verifying.',
    algorithm: 'Ed25519 (Data Integrity and EdDSA JWTs) or RSA (RS256 JWTs)',
    algorithmInvalid: '--algorithm must be Ed25519 or RSA',
    rotated: 'New active {algorithm} key {id} for {organisation}.',
    revoke: 'Mark a key compromised: credentials it signed stop verifying.',
    key: 'the key id (from `cairn keys list`)',
    reason: 'why, for the record',
    noKey: 'No live key {key} in {organisation}.',
    revoked: 'Key {key} is revoked. Rotate to keep issuing: {command}',
  },
  verify: {
    description:
      'Verify a credential (JSON, compact JWS, or a baked PNG/SVG badge) and print the report; exit 0 when verified, 1 when not. Asks the running Cairn at PUBLIC_URL, or checks offline (did:key only) with --offline.',
    offline: 'verify without any server (did:key issuers only)',
    json: 'print the report as JSON',
    needsNetwork: 'Fetching a URL needs the network: drop --offline and keep CAIRN_FETCH_FOREIGN on.',
    notBaked: '{file} is a {kind} image with no badge baked in.',
    cannotRead: 'Cannot read {file}: {reason}',
    keyNeedsNetwork: '{key} needs a network lookup; run without --offline against a Cairn server',
    listNeedsNetwork: 'status list {url} needs a network lookup',
    unreachable:
      'Cannot reach Cairn at {url} ({reason}). Start it with `cairn serve`, set PUBLIC_URL, or use --offline.',
    verified: 'VERIFIED',
    notVerified: 'NOT VERIFIED',
  },
  issue: {
    description:
      'Award a published micro-credential to a person by email (--email), or to everyone on a CSV roster (--csv): signed credentials are issued and stored, claim emails queued.',
    org: 'the issuing organisation',
    microCredential: 'the micro-credential: its id (mc_…) or its web address slug',
    email: 'the recipient',
    narrative: 'evidence narrative',
    evidenceUrl: 'a page showing the evidence',
    credits: 'credits earned, e.g. 1.5',
    issuedOn: 'issue date, YYYY-MM-DD (default: today)',
    csv: 'bulk award: a CSV roster with a header line (streamed; any size)',
    map: 'bulk award: columns as field=column pairs, e.g. email=Email,name=Name,externalId=Student ID (default: guessed from the header)',
    dryRun: 'bulk award: check every row and print the report; issue nothing',
    run: 'bulk award: issue (or resume, or watch) an earlier run by its id (run_…)',
    needsRecipient: 'Give --email <address> (one recipient) or --csv <file> (a roster).',
    issued: 'Issued {id} to {email}.',
  },
  bulk: {
    read: 'Read {total} rows from {file} (run {run}).',
    columns: 'Columns: {columns}',
    noColumns: '(none recognised: use --map email=<column>)',
    dryRun:
      'Dry run: {valid} to issue, {invalid} with problems, {duplicate} duplicate, {alreadyIssued} already issued.',
    unusedColumns: 'Columns not used: {columns}.',
    problem: 'line {line}: {error}',
    everyRow: '… see {url} for every row',
    nothingIssued: 'Nothing issued (--dry-run). Issue later with: {command}',
    noRow: 'No row can be issued.',
    issuing: 'Issuing: {issued} issued, {skipped} skipped of {valid} ({percent}%)',
    done: 'Done: {issued} issued, {skipped} skipped of {valid} ({percent}%)',
    failed: 'Issuing failed: {error}',
  },
  bake: {
    description:
      'Bake a credential (JSON or compact JWS file) into a PNG or SVG badge image, replacing any credential already in it.',
    credential: 'the signed credential',
    image: 'the badge image (PNG or SVG, recognised by its bytes)',
    out: 'where to write the baked image',
    notImage: '{file} is neither a PNG nor an SVG image.',
    baked: 'Baked into {file} ({kind}, {bytes} bytes).',
    cannotBake: 'Cannot bake: {reason}',
  },
  backup: {
    description:
      'Write an encrypted, consistent snapshot of the database (and evidence files kept on disk) to a file. Issuer keys stay sealed under CAIRN_SECRET: keep that secret too, a restore needs the same one.',
    out: 'where to write the backup (written beside it, then renamed: never half a file)',
    passphraseFile: 'a file holding the passphrase (else CAIRN_BACKUP_PASSPHRASE); at least 12 characters',
    passphraseUnreadable: 'Cannot read the passphrase file {file}: {reason}',
    passphraseMissing:
      'Give the backup passphrase in a file (--passphrase-file <file>) or in CAIRN_BACKUP_PASSPHRASE.',
    table: '{table}: {rows, plural, one {{rows} row} other {{rows} rows}}',
    filesOnDisk: 'evidence files on disk: {count}',
    done: 'Backed up {tables} tables ({rows} rows) and {files} files on disk to {file} ({bytes} bytes, encrypted).',
  },
  restore: {
    description:
      'Restore a backup into an EMPTY database (DATABASE_URL, or the embedded one in CAIRN_DATA_DIR): migrates first, restores in one transaction, checks every count and hash. Needs the CAIRN_SECRET of the backed-up site. Refuses a database that has data.',
    in: 'the backup file',
    passphraseFile: 'a file holding the passphrase (else CAIRN_BACKUP_PASSPHRASE)',
    done: 'Restored the backup of {createdAt} (Cairn {version}, {database}): {tables} tables, {rows} rows, {files} evidence files; every count and hash checked. Logins start afresh (sessions are not in backups).',
  },
  errors: {
    /** Settings that stop start-up: each names the variable and what is allowed. */
    config: {
      problem: '{name}={value}: must be {requirement}',
      wholeNumber: 'a whole number from {min} to {max}',
      atLeast: 'at least {min} characters',
      absoluteUrl: 'an absolute http(s) URL such as https://badges.example.org',
      httpUrl: 'an http(s) URL',
      postgresUrl: 'a postgres:// connection URL',
      smtpUrl: 'an smtp:// or smtps:// URL such as smtp://user:pass@mail.example.org:587',
      secretLength: 'at least {min} characters (e.g. the output of `openssl rand -base64 32`)',
      oneOf: 'one of {values}',
      secretRequired:
        'CAIRN_SECRET: required when CAIRN_DEMO=false; it encrypts signing keys. Generate one with `openssl rand -base64 32`.',
      fileMissing: 'CAIRN_CONFIG: file {path} does not exist',
      notJson: 'CAIRN_CONFIG: {path} is not valid JSON ({reason})',
      notObject: 'CAIRN_CONFIG: {path} must hold one JSON object of settings',
      unknownSetting: '{key} (in {path}): not a Cairn setting; known: {known}',
    },
    /** Public URLs refused: at start-up (another one is stored) and by `cairn public-url set`. */
    publicUrl: {
      mismatch:
        'This database belongs to the Cairn at {stored}, but this process was started for {wanted} (PUBLIC_URL, or http://localhost:PORT when PUBLIC_URL is not set).\nBadges and status lists name their organisation by that address ({didBase}<organisation>), so every process on one database must use the same one: with another, status lists would be signed under another name and badges would stop verifying.\n  • To keep {stored}: {keep}.\n  • To move to {wanted}: run `npx cairn public-url set {wanted}` with the same DATABASE_URL or CAIRN_DATA_DIR, then start again the same way.\n    It re-signs the status lists for the new address. Badges issued before keep naming {stored} and verify only where that address still reaches this Cairn.',
      keepLocal: 'start with PORT={port} (when PUBLIC_URL is not set), or with PUBLIC_URL={stored}',
      keepUrl: 'start with PUBLIC_URL={stored}',
      notAddress:
        '"{url}" is not a web address: give one like https://badges.example.org or http://localhost:3001.',
      notHttp: '"{url}" must start with https:// (or http:// for a local demo).',
      notPlain: '"{url}" must be a plain address, without ?query, #fragment or user name.',
    },
    /** Backups and restores (refusals say what to do; nothing was written). */
    backup: {
      unreadableRecord: 'The backup is damaged: a record cannot be read.',
      newerVersion:
        'This backup was made by a newer Cairn ({version}; migrations {migrations} are unknown here). Restore it with that version.',
      otherSchema:
        'This backup was made by Cairn {version} with a different database schema. Restore it with that version, then upgrade.',
      otherSecret:
        "This CAIRN_SECRET is not the one the backup was made with, so the issuers' signing keys in it would not open. Set CAIRN_SECRET to the original value (in demo mode it is the file `secret` in the original CAIRN_DATA_DIR) and run the restore again.",
      notEmpty:
        'The database is not empty ({tables} have rows). Restore into a new, empty database: a restore never merges into existing data.',
      manifestMismatch: 'The backup does not match its manifest.',
      tableCount: 'Table {table} did not restore to {rows} rows.',
      keyDoesNotOpen: 'Issuer key {key} does not open with this CAIRN_SECRET; nothing was restored.',
      unknownTable: 'The backup has a table this Cairn does not know: {table}.',
      unknownColumns: "The backup's table {table} has columns this Cairn does not know: {columns}.",
      noFile: 'There is no file {file}.',
      noHeader: 'The backup is damaged: it has no header.',
      afterManifest: 'The backup has records after its manifest.',
      rowOutsideTable: 'The backup is damaged: a row outside any table.',
      tableEndWithoutStart: 'The backup is damaged: a table ends that never began.',
      tableMismatch: 'The backup is damaged: table {table} does not match its recorded count and hash.',
      badFileName: 'The backup is damaged: a file has a bad name.',
      bytesOutsideFile: 'The backup is damaged: file bytes outside any file.',
      fileEndWithoutStart: 'The backup is damaged: a file ends that never began.',
      fileMismatch: 'The backup is damaged: evidence file {sha256} does not match its hash.',
      unknownRecord: 'The backup is damaged: a record of an unknown kind.',
      noManifest: 'The backup is incomplete: it has no manifest.',
      endsInside: 'The backup is incomplete: it ends inside a table or file.',
      notABackup: '{file} is not a Cairn backup (it does not start like one).',
      headerUnreadable: '{file} is damaged: its header cannot be read.',
      wrongPassphrase:
        'The passphrase does not open this backup. Check CAIRN_BACKUP_PASSPHRASE or --passphrase-file.',
      cutShort: 'The backup is incomplete: it ends before its last part (was the copy cut short?).',
      damagedPart: 'The backup is damaged at part {part}.',
      alteredPart: 'The backup is damaged or was altered: part {part} fails its integrity check.',
      dataAfterEnd: 'The backup has data after its last part: it was altered.',
      endsMidRecord: 'The backup ends in the middle of a record.',
      evidenceChanged: 'Evidence file {sha256} on disk does not match its hash: it was changed or damaged.',
      passphraseTooShort: 'The backup passphrase must be at least {min} characters long.',
      badEvidenceKey: 'An evidence file has a bad key: {sha256}',
      evidenceMissing:
        'Evidence file {sha256} is missing from {folder}: the backup would be incomplete. Check CAIRN_DATA_DIR.',
    },
  },
  export: {
    description:
      "Write all of one organisation's data (designs, versions, applications, credentials, runs, members, programs, ledger, audit log) to a ZIP of JSON files. Secrets are left out.",
    out: 'where to write the ZIP',
    done: 'Exported {organisation} to {file}.',
  },
} as const;
