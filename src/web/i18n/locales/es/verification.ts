import type { CatalogueOf } from '../en.ts';
import type { verification as en } from '../en/verification.ts';

/** /verify: el formulario y el informe de una verificación, en palabras sencillas. */
export const verification: CatalogueOf<typeof en> = {
  title: 'Verificar una insignia',
  intro:
    'Comprueba cualquier Open Badge (3.0 o 2.0) o credencial verificable del W3C, de este sitio o de cualquier otro emisor: pégala, sube la imagen con la insignia incrustada o indica su dirección. Cada comprobación se explica.',
  form: {
    file: 'O sube una imagen de insignia (PNG o SVG) o un archivo de credencial',
    url: 'O indica su dirección (URL)',
    urlHint: 'Una página de insignia de este sitio, o una dirección https de una credencial publicada.',
    submit: 'Verificar',
    issuerKeySummary: 'Insignia firmada de Open Badges 2.0: añade el documento de clave del emisor',
    issuerKeyHint:
      'Una insignia firmada de Open Badges 2.0 nombra la clave de su emisor por URL. Pega o sube ese documento de clave (la CryptographicKey, o el perfil del emisor con su clave pública) para comprobar la firma sin descargarlo.',
    issuerKey: 'Documento de clave del emisor (JSON)',
    issuerKeyFile: 'O sube el documento de clave del emisor',
  },
  result: {
    heading: 'Resultado',
    passed: 'Todas las comprobaciones son correctas.',
    failed: 'Al menos una comprobación ha fallado; mira abajo.',
    readFrom: 'Leída desde {source}.',
    readFromWithProof: 'Leída desde {source} ({proof}).',
    genericVc:
      'Credencial verificable (no es una Open Badge): se comprobó como credencial verificable del W3C; las comprobaciones de Open Badges no se le aplican.',
  },
  verdict: {
    valid: 'Válida',
    revoked: 'Revocada',
    suspended: 'Suspendida',
    expired: 'Caducada',
    failed: 'Sin verificar',
  },
  formats: {
    json: 'JSON pegado',
    jws: 'un JWS compacto (VC-JWT)',
    png: 'una imagen PNG con la insignia incrustada',
    svg: 'una imagen SVG con la insignia incrustada',
    url: 'una URL',
  },
  proofs: { ob2: 'Open Badges 2.0', jwt: 'VC-JWT', ldp: 'prueba Data Integrity' },
  summary: {
    achievement: 'Logro',
    issuer: 'Emisor',
    recipient: 'Destinatario',
    validFrom: 'Válida desde',
    validUntil: 'Válida hasta',
    id: 'Identificador de la credencial',
  },
  recipient: {
    named: '{name}, nombrado en la credencial firmada',
    namedWithId: '{name}, nombrado en la credencial firmada; {who}',
    unnamed:
      '{who}. La credencial no nombra a nadie: un nombre mostrado junto a la insignia (por ejemplo en su página) procede de ese sitio, no de la credencial firmada.',
    hashed: 'identificado por un identificador cifrado con hash (como una dirección de correo)',
  },
  checks: {
    detailLabel: 'Nota del verificador (en inglés):',
    passed: 'Correcto.',
    failed: 'Ha fallado.',
    parse: {
      title: 'Legible',
      ok: 'Se pudo leer la credencial.',
      failed: 'No se pudo leer la credencial.',
    },
    data_model: {
      title: 'Credencial verificable',
      ok: 'Sigue el modelo de datos de credenciales verificables del W3C.',
      failed: 'No sigue el modelo de datos de credenciales verificables del W3C.',
    },
    schema: {
      title: 'Formato oficial',
      ok: 'Sigue el esquema oficial de su tipo (Open Badges 3.0 o CLR 2.0).',
      failed: 'No sigue el esquema oficial de su tipo.',
    },
    ob3_fields: {
      title: 'Campos obligatorios',
      ok: 'Están todos los campos que una insignia necesita.',
      failed: 'Falta un campo que toda insignia necesita.',
    },
    issuer_key: {
      title: 'Clave del emisor',
      ok: 'Se encontró la clave de firma y pertenece al emisor.',
      failed: 'No se encontró la clave de firma, o no pertenece al emisor.',
    },
    proof: {
      title: 'Firma',
      ok: 'La firma coincide: nada ha cambiado desde que se emitió.',
      failed: 'La firma no es válida.',
    },
    validity_window: {
      title: 'Fechas',
      ok: 'Está dentro de sus fechas de validez.',
      failed: 'Está fuera de sus fechas de validez.',
    },
    status: {
      title: 'Estado',
      ok: 'El emisor no la ha revocado ni suspendido.',
      failed: 'No se pudo confirmar su estado, o el emisor la revocó o suspendió.',
    },
    embedded: {
      title: 'Credenciales incluidas',
      ok: 'Todas las credenciales que contiene el expediente también se verifican.',
      failed: 'No todas las credenciales que contiene el expediente se verifican.',
    },
  },
  /** A check's outcome by the verifier's code (src/credentials: Check.code). */
  checkCodes: {
    parse_failed: 'No es una credencial que este verificador pueda leer.',
    too_large: 'Es mucho más grande que cualquier credencial, así que no se ha comprobado.',
    too_deep: 'Está anidada a mucha más profundidad que cualquier credencial, así que no se ha comprobado.',
    jsonld_invalid: 'No es JSON-LD bien formado.',
    schema_invalid: 'Incumple reglas del esquema oficial.',
    field_missing: 'Faltan campos que una insignia necesita.',
    key_unresolved: 'No se encontró la clave que la firmó.',
    key_revoked: 'El emisor marcó la clave de firma como comprometida.',
    issuer_mismatch: 'Está firmada con una clave que no pertenece a su emisor.',
    unsupported_key_type: 'Está firmada con un tipo de clave que este verificador no comprueba.',
    holder_missing: 'No tiene firma propia y la presentación no nombra a su titular.',
    holder_mismatch: 'No tiene firma propia y su emisor no es el titular que la presenta.',
    proof_missing: 'No lleva ninguna firma.',
    proof_malformed: 'Su firma está mal formada.',
    proof_invalid: 'La firma no coincide: se cambió después de firmarla o se firmó con otra clave.',
    proof_unverifiable: 'No hay ninguna clave con la que comprobar la firma.',
    proof_expired: 'Su firma ha caducado.',
    proof_purpose_mismatch: 'Su firma se hizo para otro fin.',
    proof_chain_broken: 'Su cadena de firmas está rota.',
    too_many_proofs: 'Lleva más firmas de las que se comprueban aquí.',
    verification_budget_exceeded: 'Comprobarla exigía más trabajo del permitido aquí, así que no se terminó.',
    expired: 'Ha caducado.',
    not_yet_valid: 'Todavía no es válida.',
    invalid_date: 'Una de sus fechas no es una fecha y hora válida.',
    revoked: 'El emisor la revocó.',
    suspended: 'El emisor la suspendió.',
    status_malformed: 'Su información de estado está mal formada.',
    status_unavailable: 'No se pudo comprobar su estado.',
    related_resource_digest_mismatch: 'Un archivo al que remite ha cambiado desde que se emitió.',
    embedded_invalid: 'Algunas credenciales del expediente no se verifican.',
    embedded_too_many: 'El expediente contiene más credenciales de las que se comprueban aquí.',
    embedded_unchecked:
      'La firma del propio expediente no es válida, así que no se comprobaron las credenciales que contiene.',
    self_asserted: 'Autodeclarada: la emitió su titular, que la respalda con la firma de la presentación.',
    status_notes: 'El emisor añade información sobre su estado.',
  },
};
