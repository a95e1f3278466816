import type { CatalogueOf } from '../../en.ts';
import type { general as english } from '../../en/errors/general.ts';

/** Las negativas del vocabulario común: un rol que no lo permite, campos que corregir. */
export const general: CatalogueOf<typeof english> = {
  forbidden: 'Tu rol en esta organización no te permite hacerlo.',
  someFields: 'Algunos campos necesitan atención.',
  ownerRole: 'Solo una persona propietaria puede conceder o quitar el rol de propietario.',
  requestTooLarge: 'La solicitud es demasiado grande (como máximo {mb} MB).',
};
