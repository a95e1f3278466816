import type { CatalogueOf } from '../../en.ts';
import type { webhooks as english } from '../../en/errors/webhooks.ts';

/** Negativas de los comandos de webhooks. */
export const webhooks: CatalogueOf<typeof english> = {
  giveUrl: 'Indica la URL de tu receptor.',
  giveUrlExample: 'Indica la URL de tu receptor, como https://example.org/cairn-events.',
  urlLong: 'Usa una URL más corta.',
  urlForm: 'Usa una URL http(s) sin nombre de usuario ni contraseña, como https://example.org/cairn-events.',
  chooseEvent: 'Elige al menos un evento.',
  eventsFromList: 'Elige eventos de la lista: {events}.',
  privateAddress: 'Esta dirección está en una red privada: Cairn solo llama a direcciones públicas.',
  cannotCall: 'Cairn no puede llamar a esa dirección.',
  tooManyField: 'Una organización puede tener {maximum} webhooks. Borra uno que ya no uses.',
  tooMany: 'Demasiados webhooks.',
  onOrOff: 'Indica si el webhook está activado (true) o desactivado (false).',
  turnedOff: 'Este webhook está desactivado: actívalo antes de volver a enviar eventos.',
};
