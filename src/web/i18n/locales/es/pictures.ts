import type { CatalogueOf } from '../en.ts';
import type { pictures as english } from '../en/pictures.ts';

/** Los mensajes de las imágenes: insignias, marcas de emisores, anillos de progreso, mapas y gráficos. */
export const pictures: CatalogueOf<typeof english> = {
  issuerLogo: 'Logotipo de {name}',
  progress: {
    hours: '{value} h de {max} h',
    percent: '{percent} % completado',
    toGo: 'Faltan {count} h',
    met: 'Requisito cumplido',
    over: 'Requisito cumplido, con {count} h más de las necesarias',
    steps: '{done} de {total} pasos conseguidos',
  },
  map: {
    title: 'Mapa del itinerario {name}',
    summary:
      '{earned, plural, one {# paso conseguido} other {# pasos conseguidos}}, {missing, plural, one {# por conseguir} other {# por conseguir}}.',
    structure: '{count, plural, one {# paso} other {# pasos}}. La lista de abajo nombra cada uno.',
    earned: 'Conseguida',
    earnedOn: 'Conseguida el {date}',
    missing: 'Por conseguir',
    apply: 'Por conseguir: ábrela para solicitarla',
    notNeeded: 'No hace falta',
    notOffered: 'No se ofrece por ahora',
    step: 'Paso',
    legend: 'Leyenda',
    groupDone: 'Hecho',
  },
  chart: {
    table: 'Los datos en una tabla',
    empty: 'Todavía no hay nada que mostrar.',
    highest: 'Máximo: {label} ({value}).',
    allZero: 'Todos los valores son cero.',
  },
  analytics: {
    charts: 'De un vistazo',
    applications: 'Solicitudes por microcredencial',
    passRate: 'Tasa de aprobación al primer intento',
    overTime: 'Solicitudes de los últimos 12 meses',
    microCredential: 'Microcredencial',
    count: 'Solicitudes',
    rate: 'Tasa de aprobación',
    month: 'Mes',
  },
  home: {
    passRates: 'Tasa de aprobación al primer intento por microcredencial',
  },
  backpack: {
    issuerUnknown: 'Emisor desconocido',
  },
};
