import type { CatalogueOf } from '../en.ts';
import type { apiDocs as en } from '../en/apiDocs.ts';

/** Las palabras propias de la documentación de la API (los textos de cada operación vienen del documento OpenAPI). */
export const apiDocs: CatalogueOf<typeof en> = {
  title: 'API de Cairn',
  intro:
    'Los sistemas de las instituciones manejan Cairn con esta API JSON. La misma descripción en OpenAPI 3.1:',
  importIt: '(impórtala en tus herramientas).',
  auth: {
    heading: 'Autenticación',
    tokenName: 'Token de API de la organización',
    tokenSend: 'envía',
    tokenMake:
      'Los administradores de la organización crean tokens en su página «Tokens de API» (o con la orden',
    tokenScopes:
      '). Un token solo puede hacer lo que sus ámbitos permiten; una petición que no puede hacer se rechaza con 403 insufficient_scope, indicando el ámbito.',
    sessionName: 'Sesión',
    session:
      'un navegador con la sesión iniciada (la cookie cairn_session); las escrituras envían además X-CSRF-Token con el valor de la cookie cairn_csrf. Los roles deciden qué puede hacer una sesión.',
    oauthName: 'OAuth 2.0',
    oauth:
      'la API de Open Badges 3.0 (/ims/ob/v3p0) acepta tokens de acceso del servidor de autorización de Cairn (consulta su documento de descubrimiento).',
    scope: 'Ámbito del token',
    lets: 'Permite al token',
  },
  errors: {
    heading: 'Errores',
    text: 'Todos los errores de la API JSON tienen la misma forma: un code estable en snake_case, un message escrito para personas y details (los mensajes de cada campo en details.fields, el ámbito que le falta a un token en details.requiredScope). La API de Open Badges 3.0 responde a los errores con imsx_StatusInfo, como exige su especificación.',
    shape: 'La forma:',
  },
  contents: 'Contenido',
  schemas: 'Esquemas compartidos',
  parameters: 'Parámetros',
  columns: { name: 'Nombre', in: 'En', type: 'Tipo', description: 'Descripción' },
  responses: 'Respuestas',
  requestBody: 'Cuerpo de la petición',
  requestBodyOptional: 'Cuerpo de la petición (opcional)',
  scopeOfOperation: 'Ámbito del token de API:',
  required: 'obligatorio',
  seeBelow: 'ver más abajo',
  jsonSchema: 'Esquema JSON',
  types: {
    exactly: 'exactamente {value}',
    oneOf: 'uno de {values}',
    or: '{a} o {b}',
    and: '{a} y {b}',
    arrayOf: 'lista de {type}',
    any: 'cualquiera',
    withBounds: '{type} ({bounds})',
    minLength: '{count, plural, one {al menos # carácter} other {al menos # caracteres}}',
    maxLength: '{count, plural, one {como mucho # carácter} other {como mucho # caracteres}}',
    minItems: 'al menos {count}',
    maxItems: 'como mucho {count}',
    anyKey: '(cualquier clave)',
    eachItem: '(cada elemento)',
    option: '(opción {number})',
  },
};
