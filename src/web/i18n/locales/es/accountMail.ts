import type { CatalogueOf } from '../en.ts';
import type { accountMail as english } from '../en/accountMail.ts';

/** Los correos de la cuenta en español (las claves de locales/en/accountMail.ts). */
export const accountMail: CatalogueOf<typeof english> = {
  hello: 'Hola, {name}:',
  helloNoName: 'Hola:',
  confirm: {
    subjectNew: 'Confirma la dirección que añadiste a Cairn',
    subjectSignUp: 'Confirma tu correo para terminar de crear tu cuenta de Cairn',
    leadNew:
      'Añadiste esta dirección a tu cuenta de Cairn. Confírmala para que te lleguen las insignias enviadas aquí.',
    leadSignUp:
      'Te damos la bienvenida a Cairn. Confirma tu dirección de correo para terminar de crear tu cuenta.',
    reason:
      'Recibes esto porque alguien escribió esta dirección en Cairn. Si no fuiste tú, ignora este correo: no pasa nada hasta que se abra el enlace.',
    button: 'Confirmar mi correo',
    textLink: 'Confirmar: {link}',
    expires: 'El enlace funciona durante 48 horas.',
    fallback:
      'El enlace funciona durante 48 horas. Si el botón no funciona, pega esta dirección en tu navegador: {link}',
  },
  reset: {
    subject: 'Restablece tu contraseña de Cairn',
    reason:
      'Recibes esto porque alguien pidió restablecer la contraseña de la cuenta de Cairn con esta dirección. Si no fuiste tú, ignora este correo; tu contraseña no cambia.',
    lead: 'Alguien, esperamos que tú, pidió restablecer tu contraseña de Cairn.',
    textLink: 'Elige una contraseña nueva aquí: {link}',
    button: 'Elegir una contraseña nueva',
    expires: 'El enlace funciona durante 2 horas y una sola vez: {link}',
    expiresText: 'El enlace funciona durante 2 horas y una sola vez.',
  },
  changed: {
    subject: 'Tu contraseña de Cairn ha cambiado',
    reason: 'Recibes esto porque la contraseña de tu cuenta de Cairn ha cambiado.',
    lead: 'Tu contraseña de Cairn acaba de cambiar y se cerraron todas las sesiones.',
    notYou: 'Si no fuiste tú, restablece tu contraseña ahora: {link}',
    notYouBefore: 'Si no fuiste tú, ',
    notYouLink: 'restablece tu contraseña ahora',
  },
  invitation: {
    subject: '{inviter} te invitó a unirte a {organisation} en Cairn',
    reason:
      'Recibes esto porque {inviter} escribió esta dirección en {organisation}. Si no lo esperabas, ignora este correo.',
    lead: '{inviter} te invitó a unirte a {organisation} en Cairn como: {roles}.',
    textLink: 'Aceptar: {link}',
    button: 'Ver la invitación',
    expires:
      'La invitación funciona durante {days, plural, one {# día} other {# días}}. Inicia sesión, o crea una cuenta con esta dirección, para aceptarla.',
  },
};
