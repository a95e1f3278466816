import type { CatalogueOf } from '../../en.ts';
import type { credit as english } from '../../en/errors/credit.ts';

/**
 * Las negativas de los comandos de créditos: vínculos de licencia, decisiones, avisos, registro de créditos,
 * expedientes.
 */
export const credit: CatalogueOf<typeof english> = {
  nameOrganisation: 'Indica la organización.',
  nameNotice: 'Indica el aviso.',
  nameLicense: 'Indica el registro de licencia.',
  chooseProgram: 'Elige el programa que lleva tu licencia.',
  enterLicenseNumber: 'Escribe tu número de licencia o de certificación.',
  licenseNumberLong: 'Un número de licencia tiene como máximo 100 caracteres.',
  giveCycleStart: 'Indica el día en que empezó tu ciclo de renovación actual.',
  cycleStartFormat: 'Indica el día en que empezó tu ciclo de renovación actual, como AAAA-MM-DD.',
  programClosed: 'Ese programa no existe o ya no acepta licencias.',
  programFromList: 'Elige un programa de la lista.',
  alreadyLinked: 'Tu licencia ya está vinculada a {program}.',
  linkPending: 'El vínculo espera a que el organismo de reconocimiento lo confirme.',
  linkConfirmed: 'Esta licencia está confirmada.',
  chooseDecision: 'Elige confirmar o rechazar.',
  decisionCycleFormat: 'Indica el inicio del ciclo como AAAA-MM-DD.',
  sayMismatch: 'Explica qué no coincide, para que la persona pueda corregirlo.',
  linkAlreadyConfirmed: 'Este vínculo de licencia ya está confirmado.',
  linkAlreadyRejected: 'Este vínculo de licencia ya está rechazado.',
  ownLicenseLink:
    'Quien gestiona el reconocimiento no decide sobre el vínculo de su propia licencia; lo hace otra persona responsable.',
  noticePostedReverse: 'Los créditos de este aviso ya están registrados; revocar la credencial los anula.',
  noticeAlreadyDismissed: 'Este aviso ya está descartado.',
  transcriptUnconfirmed:
    'El expediente estará disponible cuando el organismo de reconocimiento confirme tu licencia.',
  transcriptEmpty:
    'Todavía no hay ninguna credencial acreditada en esta licencia: el expediente estaría vacío.',
  noticeGone: 'Ese aviso no existe.',
  noticePosted: 'Los créditos de este aviso ya están registrados.',
  noticeDismissed: 'Este aviso se descartó.',
  credentialRevoked: 'El emisor revocó esta credencial: no da créditos.',
  licenseUnconfirmed:
    'La persona aún no tiene una licencia confirmada: los créditos se registran cuando se confirme.',
  ownCredit:
    'Quien gestiona el reconocimiento no registra créditos en su propia licencia; lo hace otra persona responsable.',
};
