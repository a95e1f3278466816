import type { CatalogueOf } from '../../en.ts';
import type { files as english } from '../../en/errors/files.ts';

/** Por qué no se puede leer un archivo subido: una lista CSV o una imagen de insignia. */
export const files: CatalogueOf<typeof english> = {
  csv: {
    tooManyFields: 'Línea {line}: tiene más de {max} campos.',
    quoteNotClosed: 'Línea {line}: un campo entre comillas no se cierra nunca (falta una comilla).',
    closingQuote:
      'Línea {line}: un campo entre comillas debe terminar con una comilla seguida de "{delimiter}" o del final de la línea.',
    closingQuoteTab:
      'Línea {line}: un campo entre comillas debe terminar con una comilla seguida de un tabulador o del final de la línea.',
    quoteInField:
      'Línea {line}: hay una comilla en medio de un campo. Pon todo el campo entre comillas y escribe la comilla dos veces ("").',
    recordTooLong: 'Línea {line}: un registro ocupa más de {max} bytes (¿falta una comilla?).',
    notCsv: 'Línea {line}: esto no es un CSV válido ({reason}).',
    notUtf8: 'El archivo no es texto UTF-8. Guárdalo como «CSV UTF-8» y vuelve a subirlo.',
  },
  baking: {
    notPng: 'Este archivo no es una imagen PNG.',
    endsInChunk: 'El PNG termina en medio de un bloque.',
    chunkPastEnd: 'Un bloque del PNG sigue más allá del final del archivo.',
    wrongChecksum: 'Un bloque del PNG tiene una suma de comprobación incorrecta: el archivo está dañado.',
    tooManyChunks: 'El PNG tiene más de {max} bloques; ninguna imagen de insignia tiene tantos.',
    noHeaderOrEnd: 'Al PNG le falta su bloque IHDR o IEND.',
    unreadableText:
      'Un bloque de texto comprimido del PNG no se puede leer, o ocupa más de {megabytes} MB al descomprimirlo.',
    notSvg: 'Este archivo no es una imagen SVG (no tiene un elemento raíz <svg>).',
  },
};
