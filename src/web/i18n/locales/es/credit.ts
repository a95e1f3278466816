import type { CatalogueOf } from '../en.ts';
import type { credit as en } from '../en/credit.ts';

/** Mensajes de las páginas de créditos (licencias, expedientes). */
export const credit: CatalogueOf<typeof en> = {
  transcript: {
    heading: 'Expediente',
    explain:
      '{issuer} firma tu expediente como una credencial CLR 2.0 que cualquiera puede comprobar en /verify. Cada descarga es una copia firmada de nuevo y queda registrada en el registro de auditoría de {issuer}.',
    download: 'Descargar el expediente firmado',
    printable: 'Expediente para imprimir',
    notYet:
      'El expediente estará disponible cuando tu licencia esté confirmada y tenga al menos una credencial acreditada.',
  },
};
