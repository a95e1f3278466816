import type { CatalogueOf } from '../../en.ts';
import type { verification as english } from '../../en/errors/verification.ts';

/**
 * Lo que rechaza el lector de credenciales (/verify, la importación a la mochila, la API W3C VC); `{open}` y
 * `{close}` escriben llaves (ICU lee una llave sola como un marcador).
 */
export const verification: CatalogueOf<typeof english> = {
  notJson: 'Eso no es JSON válido: {reason}.',
  notJsonField: 'Pega la credencial entera, de {open} a {close}.',
  notJsonOrJws:
    'Pega una credencial como JSON (empieza por {open}) o como JWS compacto (tres partes separadas por puntos).',
  notJsonOrJwsField: 'No es JSON ni un JWS.',
  noOwnBadge: 'Ninguna insignia de este sitio tiene esa dirección.',
  checkAddress: 'Revisa la dirección.',
  privateBadge:
    'Esa insignia es privada: su página solo dice si es válida. Para comprobar sus detalles, pide la credencial a quien la obtuvo.',
  privateBadgeField: 'Una insignia privada.',
  notAddress: 'Eso no es una dirección web.',
  notAddressField: 'Usa una dirección completa que empiece por https://.',
  httpsOnly: 'Solo se pueden descargar direcciones https.',
  httpsOnlyField: 'Usa una dirección que empiece por https://.',
  noFetching:
    'Este servidor no descarga credenciales de otros sitios; descarga tú la credencial y súbela o pégala.',
  noFetchingField: 'Aquí está desactivado descargar de otros sitios.',
  fetchFailed: 'No se pudo obtener una credencial de esa dirección: {reason}.',
  fetchFailedField: 'No se pudo obtener.',
  notCredential: 'Esa dirección no devolvió una credencial.',
  notCredentialField: 'No es una credencial.',
  nothingGiven: 'Pega una credencial, elige una imagen de insignia o da una URL.',
  nothingGivenField: 'Da una de las tres.',
  tooMany: 'Da solo una cosa que verificar: texto pegado, un archivo o una URL.',
  tooManyField: 'Solo una, por favor.',
  fileOver5Mb: 'Ese archivo pesa más de 5 MB; una imagen de insignia es mucho más pequeña.',
  unrecognisedFile: 'Ese archivo no es una imagen de insignia (PNG o SVG) ni una credencial (JSON o JWS).',
  unrecognisedFileField: 'Archivo no reconocido.',
  tooLarge: 'Demasiado grande.',
  sendCredential: 'Envía {open}"verifiableCredential": …{close}.',
  issuingToken: 'Envía un token de API de la organización como «Authorization: Bearer cairn_…».',
  issuerKey: 'El documento de clave del emisor no se puede usar: {reason}.',
  issuerKeyField: 'Un CryptographicKey o un perfil de emisor de Open Badges 2.0, en JSON.',
  keyDocument: {
    notObject: 'el documento de clave del emisor no es un objeto JSON',
    keyNeedsIdAndPem: 'una clave del documento de clave del emisor necesita un id y una publicKeyPem',
    profileWithoutId: 'el perfil del emisor no tiene id',
    profileWithoutKey:
      'el perfil del emisor no incluye ninguna publicKey: sube el propio documento CryptographicKey',
    wrongKind:
      'el documento de clave del emisor debe ser un CryptographicKey o un perfil de emisor (Issuer) de Open Badges 2.0',
  },
};
