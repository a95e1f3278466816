import type { CatalogueOf } from '../../en.ts';
import type { dataRights as english } from '../../en/errors/dataRights.ts';

/** Negativas al borrar una cuenta o descargar los propios datos. */
export const dataRights: CatalogueOf<typeof english> = {
  enterPassword: 'Escribe tu contraseña.',
  typeToConfirm: 'Escribe «{phrase}» para confirmar.',
  lastOwner:
    'Eres la única persona propietaria de {organisations}. Haz propietaria a otra persona (o elimina la organización) antes de borrar tu cuenta.',
  ownAccountOnly: 'Solo puedes borrar tu propia cuenta.',
  wrongPassword: 'Esa no es tu contraseña.',
  ownDataOnly: 'Solo puedes descargar tus propios datos.',
};
