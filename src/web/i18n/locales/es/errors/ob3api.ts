import type { CatalogueOf } from '../../en.ts';
import type { ob3api as english } from '../../en/errors/ob3api.ts';

/**
 * La API de Open Badges 3.0 y las conexiones entre mochilas: lo que falló con otro servidor, una conexión o
 * una consulta.
 */
export const ob3api: CatalogueOf<typeof english> = {
  descriptionNotJson: '{host} envió una descripción del servicio que no es JSON.',
  registrationNotJson: '{host} envió una respuesta de registro que no es JSON.',
  unreachable: 'No se pudo contactar con {host} ({reason}).',
  noApi: '{host} no ofrece la API de Open Badges 3.0 (su dirección de descubrimiento respondió {status}).',
  unreadableDescription:
    '{host} envió una descripción del servicio que Cairn no puede leer (faltan los datos de OAuth 2.0).',
  registrationRefused: '{host} se negó a registrar Cairn ({reason}).',
  noClientId: '{host} registró Cairn pero no envió ningún identificador de cliente.',
  giveAddress: 'Indica la dirección web de la otra mochila.',
  required: 'Obligatorio.',
  unknownRequest: 'Esta solicitud de conexión es desconocida o ya se usó. Vuelve a empezar desde tu mochila.',
  notAllowed: '{host} no permitió la conexión.',
  notAllowedBecause: '{host} no permitió la conexión ({reason}).',
  notCompleted: '{host} no completó la conexión: {reason}',
  notAddress: '"{address}" no es una dirección web.',
  httpsOnly: 'Solo se pueden usar direcciones https ({origin} no lo es).',
  userInAddress: 'La dirección no puede contener un nombre de usuario ni una contraseña.',
  hostUnknown: 'No se encuentra el servidor {host}.',
  hostNoAddress: 'El servidor {host} no tiene ninguna dirección.',
  hostPrivate:
    'El servidor {host} está en una dirección de red privada o local, a la que Cairn no se conecta.',
  notOb3: 'Esa insignia no es una credencial de Open Badges 3.0, así que no se puede enviar.',
  connectionExpired: 'La conexión con {host} ha caducado. Quítala y vuelve a conectar.',
  connectionRefused: '{host} ya no acepta esta conexión. Quítala y vuelve a conectar.',
  sendUnreachable: 'No se pudo contactar con {host}: {reason}',
  notTaken: '{host} no aceptó la insignia: {reason}',
  answered: 'respondió {status}',
  realHttpOnly: 'El servidor OAuth 2.0 solo responde a través de una conexión HTTP real.',
  authorizationExpired:
    'Esta solicitud de autorización ha caducado o ya se respondió. Vuelve a la aplicación y empieza de nuevo.',
  otherBrowser:
    'Esta solicitud de autorización no corresponde a este navegador. Vuelve a la aplicación y empieza de nuevo.',
  clientGone: 'La aplicación que lo pide ya no está registrada.',
  wholeNumber: '{name} debe ser un número entero de al menos {minimum}.',
  sinceFormat: 'since debe ser una fecha y hora como 2024-05-01T12:00:00Z.',
};
