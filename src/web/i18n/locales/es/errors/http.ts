import type { CatalogueOf } from '../../en.ts';
import type { http as english } from '../../en/errors/http.ts';

/** Lo que responde el kit HTTP a una solicitud que rechaza. */
export const http: CatalogueOf<typeof english> = {
  badAddress: 'La dirección de esta solicitud no es válida.',
  logIn: 'Inicia sesión para continuar.',
  otherSite: 'Este formulario se envió desde otro sitio y se ha rechazado.',
  formExpired: 'El formulario caducó o llegó desde otro sitio. Recarga la página y vuelve a intentarlo.',
  noSuchResource: 'No existe ese recurso.',
  bodyNul:
    'El cuerpo contiene un carácter NUL (\\u0000), que ningún texto de aquí puede guardar. Quítalo y vuelve a enviarlo.',
  bodyNulField: 'Sin caracteres NUL.',
  bodyNotJson: 'El cuerpo debe ser JSON.',
  bodyNotObject: 'El cuerpo de la solicitud debe ser un objeto JSON.',
  tokenScope:
    'Este token de API no puede hacer eso: necesita el ámbito «{scope}». Crea un token con ese ámbito en la página de tokens de API de la organización.',
  tokenCannot:
    'Un token de API no puede hacer eso: tiene que hacerlo un miembro con sesión iniciada en Cairn.',
  tokenInvalid: 'Ese token de API no es válido (revocado o mal escrito).',
};
