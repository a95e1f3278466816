import type { CatalogueOf } from '../en.ts';
import type { home as english } from '../en/home.ts';

/** El marco de la página de inicio en español (las claves de locales/en/home.ts). */
export const home: CatalogueOf<typeof english> = {
  title: 'Inicio',
  welcomeTitle: 'Bienvenida',
  greeting: 'Hola, {name}',
  now: 'Ahora:',
  createOrganisation: 'Crear una organización',
  visitor: {
    heading: 'Microcredenciales en las que se puede confiar',
    intro:
      'Cairn gestiona programas de microcredenciales de principio a fin: los profesionales solicitan y muestran evidencias de una competencia, colegas formados las revisan con una rúbrica, los emisores otorgan credenciales Open Badges 3.0 firmadas que cualquiera puede verificar, y los colegios profesionales y consejos de certificación aprueban programas y cuentan las insignias para la renovación.',
    signUp: 'Crear una cuenta',
    logIn: 'Iniciar sesión',
  },
};
