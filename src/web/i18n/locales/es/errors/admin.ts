import type { CatalogueOf } from '../../en.ts';
import type { admin as english } from '../../en/errors/admin.ts';

/** Negativas de la administración de la plataforma. */
export const admin: CatalogueOf<typeof english> = {
  platformOnly: 'Solo las personas que administran la plataforma pueden ver esta página.',
};
