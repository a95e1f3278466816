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
    passed: 'Correcto.',
    failed: 'Ha fallado.',
    parse: { title: 'Legible', ok: 'Se pudo leer la credencial.' },
    data_model: {
      title: 'Credencial verificable',
      ok: 'Sigue el modelo de datos de credenciales verificables del W3C.',
    },
    schema: {
      title: 'Formato oficial',
      ok: 'Sigue el esquema oficial de su tipo (Open Badges 3.0 o CLR 2.0).',
    },
    ob3_fields: { title: 'Campos obligatorios', ok: 'Están todos los campos que una insignia necesita.' },
    issuer_key: { title: 'Clave del emisor', ok: 'Se encontró la clave de firma y pertenece al emisor.' },
    proof: { title: 'Firma', ok: 'La firma coincide: nada ha cambiado desde que se emitió.' },
    validity_window: { title: 'Fechas', ok: 'Está dentro de sus fechas de validez.' },
    status: { title: 'Estado', ok: 'El emisor no la ha revocado ni suspendido.' },
    embedded: {
      title: 'Credenciales incluidas',
      ok: 'Todas las credenciales que contiene el expediente también se verifican.',
    },
  },
};
