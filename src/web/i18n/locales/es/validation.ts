import type { CatalogueOf } from '../en.ts';
import type { validation as english } from '../en/validation.ts';

/** Los mensajes de comprobación de campos en español (las claves de locales/en/validation.ts). */
export const validation: CatalogueOf<typeof english> = {
  required: 'Completa este campo.',
  textMin: 'Usa al menos {minimum} caracteres.',
  textMax: 'Usa como máximo {maximum} caracteres.',
  numberMin: 'Escribe {minimum} o más.',
  numberMax: 'Escribe {maximum} o menos.',
  numberAbove: 'Escribe más de {minimum}.',
  numberBelow: 'Escribe menos de {maximum}.',
  listMin: 'Elige al menos {minimum}.',
  listMax: 'Elige como máximo {maximum}.',
  number: 'Escribe un número.',
  wholeNumber: 'Escribe un número entero.',
  date: 'Escribe una fecha como AAAA-MM-DD.',
  yesNo: 'Elige sí o no.',
  text: 'Escribe un texto aquí.',
  list: 'Elige de la lista.',
  email: 'Escribe una dirección de correo como nombre@example.org.',
  url: 'Escribe una dirección completa, como https://example.org.',
  format: 'Esto no tiene el formato esperado.',
  option: 'Elige una de las opciones ofrecidas.',
  multipleOf: 'Escribe un múltiplo de {divisor}.',
  unknownFields: 'Quita lo que esto no acepta: {keys}.',
  invalid: 'Este valor no es válido.',
};
