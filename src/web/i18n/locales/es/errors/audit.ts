import type { CatalogueOf } from '../../en.ts';
import type { audit as english } from '../../en/errors/audit.ts';

/** Los filtros del registro de auditoría que se pueden escribir mal. */
export const audit: CatalogueOf<typeof english> = {
  dateFormat: 'Usa una fecha como 2026-03-31.',
  notADay: 'Esa fecha no existe en el calendario.',
  actionLong: 'Una acción tiene como máximo 100 caracteres.',
  actorLong: 'Una dirección de correo tiene como máximo 320 caracteres.',
  subjectLong: 'Un objeto tiene como máximo 200 caracteres.',
  olderLink: 'Usa el enlace «Eventos anteriores» para pasar de página.',
  limit: 'Pide entre 1 y {maximum} eventos.',
  endBeforeStart: 'La fecha final es anterior a la fecha inicial.',
};
