import type { CatalogueOf } from '../en.ts';
import type { issuing as en } from '../en/issuing.ts';

/** Mensajes de las páginas públicas de emisión: la página de la insignia, las de reclamarla, el formulario de la credencial y los correos para reclamarla. */
export const issuing: CatalogueOf<typeof en> = {
  badge: {
    image: 'Insignia {name}',
    issuedTo: 'Emitida a',
    binding: {
      signed: 'El nombre forma parte de la credencial firmada.',
      emailHash:
        'La credencial firmada identifica a su titular por su dirección de correo (cifrada con hash), y coincide con la cuenta que la aceptó; el nombre lo muestra este sitio, no va firmado.',
      siteOnly:
        'El nombre lo muestra este sitio a partir de la cuenta que aceptó la insignia; la credencial firmada no lo contiene.',
    },
    yourPrivate:
      'Has hecho privada esta insignia: quienes la visitan solo ven si es válida. Puedes cambiarlo en tu',
    backpack: 'mochila',
    issuedBy: 'Emitida por',
    issuedOn: 'el {date}',
    validUntil: ', válida hasta el {date}',
    verification: 'Verificación',
    allChecked: 'La firma, la clave del emisor, las fechas y el estado son correctos.',
    statusOn: '{verdict} el {date}',
    checkAll: 'Comprueba cada paso en /verify',
    certifies: 'Qué certifica',
    criteriaLabel: 'Criterios:',
    private: {
      title: 'Insignia privada',
      heading: 'Una insignia privada',
      valid: 'Esta credencial es válida.',
      invalid: 'Esta credencial no es válida.',
      explain:
        'Quien la obtuvo mantiene sus detalles en privado. Si te ha dado la propia credencial (un archivo o su texto), puedes comprobar todo lo que dice en',
    },
    share: {
      heading: 'Compartir',
      addToLinkedIn: 'Añadir al perfil de LinkedIn',
      email: 'Correo',
      pageLink: 'Enlace a la página de esta insignia',
      embed: 'Insertar en una página web',
      signature: 'Firma de correo',
      signatureNote: 'insignia verificada',
      qrAlt: 'Código QR que enlaza a la página de esta insignia',
      qrCaption: 'Escanéalo para abrir la página de esta insignia',
      qrDownload: 'descargar el código QR',
      earned: 'He obtenido {name} de {issuer}',
      mailSubject: 'Mi insignia: {name}',
    },
    download: {
      label: 'Descargar:',
      json: 'credencial (JSON)',
      jwt: 'VC-JWT',
      png: 'PNG con la credencial',
      svg: 'SVG con la credencial',
      ob2: 'Descargar para mochilas antiguas (Open Badges 2.0)',
      ob2Before: '(o dales la',
      assertionUrl: 'URL de la aserción',
    },
  },
  issuer: {
    noIdentifier: 'sin identificador, así que nada prueba quién la emitió',
    domain: 'dominio {domain}',
    verifiedKey: 'clave verificada',
    keyNotVerified: 'clave sin verificar',
    asStated: '{name} (según el propio emisor)',
  },
  claim: {
    title: 'Reclamar {name}',
    issuedBy: 'Emitida por',
    to: 'para',
    seeAndVerify: 'Ver la insignia y verificarla',
    accept: 'Aceptar esta insignia',
    decline: 'Rechazar esta insignia',
    otherAccount:
      'Esta insignia se envió a {email}, que pertenece a otra cuenta de Cairn. Cierra la sesión y entra con esa cuenta para aceptarla.',
    alsoConfirms:
      'Al aceptarla también se confirma {email} en tu cuenta: abrir este enlace demuestra que lees su correo.',
    alsoAdds:
      'Al aceptarla también se añade {email} a tu cuenta como dirección confirmada: abrir este enlace demuestra que lees su correo.',
    acceptOrDecline:
      'Acepta la insignia para guardarla en tu cuenta y compartirla, o recházala. En ambos casos la credencial sigue siendo válida y verificable.',
    hasAccount: '{email} ya tiene una cuenta de Cairn: inicia sesión para aceptar esta insignia.',
    noAccount: 'Crea una cuenta gratuita para aceptar esta insignia (o inicia sesión, si ya tienes una).',
    declineWithout: '¿No es para ti? Puedes rechazarla sin tener cuenta.',
    login: {
      heading: 'Iniciar sesión',
      headingOther: 'Ya tengo una cuenta de Cairn',
      email: 'Correo electrónico',
      password: 'Contraseña',
      submit: 'Iniciar sesión',
      forgot: '¿Has olvidado tu contraseña?',
    },
    signup: {
      heading: 'Crear una cuenta',
      explain:
        'La cuenta usa {email}, ya confirmada por este enlace. Más adelante puedes añadir otras direcciones en tu perfil.',
      email: 'Correo electrónico',
      name: 'Tu nombre',
      password: 'Contraseña',
      passwordHint: 'Al menos 10 caracteres.',
      submit: 'Crear la cuenta',
    },
    invalid: {
      title: 'Enlace no válido',
      heading: 'Este enlace para reclamar no es válido',
      explain:
        'Usa el enlace más reciente de tu correo. Si tienes una cuenta de Cairn, puedes reclamar las insignias enviadas a sus direcciones confirmadas después de',
      logIn: 'iniciar sesión',
    },
    accepted: {
      title: 'Ya reclamada',
      heading: 'Esta insignia ya se reclamó',
      explain: '{name}, de {issuer}, ya se aceptó; este enlace no se puede volver a usar.',
      see: 'Ver la insignia',
    },
    declined: {
      title: 'Insignia rechazada',
      heading: 'Esta insignia se rechazó',
      explain:
        '{name}, de {issuer}, se rechazó; este enlace no se puede volver a usar. La credencial sigue siendo válida y verificable. Si la rechazaste por error, pide a {issuer} que vuelva a emitirla.',
    },
    expired: {
      title: 'Enlace caducado',
      heading: 'Este enlace para reclamar ha caducado',
      explain:
        '{name}, de {issuer}, sigue esperándote. Podemos enviar un enlace nuevo a {email}; funciona durante {days, plural, one {# día} other {# días}}.',
      renew: 'Enviarme un enlace nuevo',
      hint: '¿Ya tienes una cuenta con esa dirección confirmada? Inicia sesión: puedes aceptar la insignia desde tu cuenta sin el enlace.',
    },
    renewed: {
      title: 'Revisa tu correo',
      heading: 'Te hemos enviado un enlace nuevo',
      explain:
        'Hemos enviado un enlace nuevo para reclamarla a {email}. Funciona durante {days, plural, one {# día} other {# días}}; los enlaces anteriores ya no funcionan.',
    },
    flash: {
      logInFirst: 'Inicia sesión o crea una cuenta primero, y después acepta la insignia.',
      accepted: 'Has aceptado {name}.',
      acceptedAdded: 'Has aceptado {name}. {email} es ahora una dirección confirmada de tu cuenta.',
      declined: 'Has rechazado {name}.',
      signedUp: 'Tu cuenta está lista. Ahora acepta o rechaza la insignia.',
    },
  },
  input: {
    paste: 'Pega la credencial (JSON o JWS)',
  },
  mail: {
    hello: 'Hola, {name}:',
    helloAnonymous: 'Hola:',
    button: 'Reclamar tu insignia',
    textLink: 'Reclama tu insignia: {link}',
    pasteLink: 'Si el botón no funciona, pega esta dirección en tu navegador: {link}',
    reason:
      'Recibes esto porque {issuer} ha emitido una insignia a esta dirección a través de Cairn. Si no es para ti, ignora este correo o rechaza la insignia en la página que abre el enlace.',
    offer: {
      subject: '{issuer} te ha otorgado {name}',
      lead: '{issuer} te ha otorgado la insignia «{name}». Reclámala para guardarla en tu cuenta de Cairn y compartirla.',
      validity:
        'El enlace funciona durante {days, plural, one {# día} other {# días}}; después, ábrelo para recibir uno nuevo.',
    },
    reminder: {
      subject: 'Recordatorio: tu insignia {name} te está esperando',
      lead: '{issuer} te ha otorgado la insignia «{name}», y todavía está esperando a que la aceptes.',
      validity: 'El enlace funciona durante {days, plural, one {# día más} other {# días más}}.',
    },
  },
};
