import type { CatalogueOf } from '../en.ts';
import type { languageEditions as english } from '../en/languageEditions.ts';

/** Los mensajes de los idiomas de un diseño: el idioma en que escribe quien emite y su edición en español (issue 14). */
export const languageEditions: CatalogueOf<typeof english> = {
  legend: 'Idiomas',
  intro:
    'El contenido de la insignia se queda en el idioma en que lo escribes. Puedes añadir un nombre y una descripción en español: Cairn los muestra a quienes usan Cairn en español y los publica con la insignia como su edición en español.',
  inLanguage: 'Idioma en que está escrito este diseño',
  languages: {
    en: 'Inglés',
    es: 'Español',
    fr: 'Francés',
    pt: 'Portugués',
    other: 'Otro ({code})',
  },
  spanishName: 'Nombre en español',
  spanishDescription: 'Descripción en español',
  spanishDescriptionHint:
    'La declaración de competencia, una línea en blanco y luego la descripción, como en el diseño de arriba.',
  spanishCriteria: 'Criterios en español (opcional)',
  spanishCriteriaHint: 'Déjalo vacío para mostrar los criterios tal como están escritos arriba.',
  noSpanishEdition: 'Deja vacíos los tres campos en español si no quieres edición en español.',
  preview: {
    issuersEdition: 'Tal como lo escribiste',
    spanishEdition: 'Edición en español',
    spanishHint:
      'Lo que ven quienes usan Cairn en español: el nombre y la descripción en español (y los criterios, si los escribiste); lo demás, tal como lo escribiste.',
  },
};
