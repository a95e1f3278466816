import { accountMail } from './es/accountMail.ts';
import { validation } from './es/validation.ts';
import type { Catalogue } from './en.ts';
import { accounts } from './es/accounts.ts';
import { admin } from './es/admin.ts';
import { home } from './es/home.ts';
import { credit } from './es/credit.ts';
import { pictures } from './es/pictures.ts';
import { earning } from './es/earning.ts';
import { payments } from './es/payments.ts';
import { verification } from './es/verification.ts';
import { notifications } from './es/notifications.ts';
import { webhooks } from './es/webhooks.ts';
import { audit } from './es/audit.ts';
import { apiDocs } from './es/apiDocs.ts';
import { programA } from './es/programA.ts';
import { catalog } from './es/catalog.ts';
import { backpack } from './es/backpack.ts';
import { missing as missingErrors } from './es/errors/missing.ts';
import { general as generalErrors } from './es/errors/general.ts';
import { http as httpErrors } from './es/errors/http.ts';
import { admin as adminErrors } from './es/errors/admin.ts';
import { audit as auditErrors } from './es/errors/audit.ts';
import { credit as creditErrors } from './es/errors/credit.ts';
import { dataRights as dataRightsErrors } from './es/errors/dataRights.ts';
import { webhooks as webhooksErrors } from './es/errors/webhooks.ts';
import { ob3api as ob3apiErrors } from './es/errors/ob3api.ts';
import { verification as verificationErrors } from './es/errors/verification.ts';
import { recognition } from './es/recognition.ts';
import { issuingStaff } from './es/issuingStaff.ts';
import { languageEditions } from './es/languageEditions.ts';
import { recognitionErrors } from './es/errors/recognition.ts';
import { earningErrors } from './es/errors/earning.ts';
import { paymentErrors } from './es/errors/payments.ts';
import { issuingErrors } from './es/errors/issuing.ts';
import { files as filesErrors } from './es/errors/files.ts';
import { issuing } from './es/issuing.ts';
import { cli } from './es/cli.ts';

/** El catálogo en español: las mismas claves que el inglés (el tipo lo exige, y una prueba también). */
export const es: Catalogue = {
  credit,
  layout: {
    brand: 'Cairn',
    title: '{title} · Cairn',
    skip: 'Ir al contenido',
    footer: 'Cairn — microcredenciales abiertas y Open Badges 3.0.',
  },
  nav: {
    label: 'Principal',
    menu: 'Menú',
    groups: {
      explore: 'Explorar',
      learning: 'Mi aprendizaje',
      organisation: 'Organización',
      admin: 'Administración',
    },
    overview: 'Resumen',
    members: 'Miembros',
    audit: 'Registro de auditoría',
    microCredentials: 'Microcredenciales',
    credentials: 'Credenciales',
    reviewQueue: 'Cola de revisión',
    proofAndFees: 'Comprobantes y tasas',
    analytics: 'Estadísticas',
    apiTokens: 'Tokens de API',
    webhooks: 'Webhooks',
    recognition: 'Reconocimiento',
    completionNotices: 'Avisos de finalización',
    recognitionSubmissions: 'Solicitudes de reconocimiento',
    catalog: 'Catálogo',
    verify: 'Verificar una insignia',
    applications: 'Mis solicitudes',
    backpack: 'Mochila',
    licenses: 'Licencias',
    teams: 'Equipos',
    reviews: 'Revisiones',
    inbox: 'Bandeja de entrada',
    unreadSuffix: ' sin leer',
    jobs: 'Tareas',
    mailbox: 'Buzón',
  },
  account: {
    currentOrganisation: 'Organización actual',
    switch: 'Cambiar',
    newOrganisation: 'Nueva organización',
    logOut: 'Cerrar sesión',
    logIn: 'Iniciar sesión',
    signUp: 'Crear cuenta',
    profileOf: 'Tu perfil: {name}',
  },
  preferences: {
    label: 'Preferencias',
    language: 'Idioma',
    theme: 'Tema',
    themes: { system: 'Como este dispositivo', light: 'Claro', dark: 'Oscuro' },
    save: 'Guardar preferencias',
    saved: 'Tus preferencias están guardadas.',
  },
  languages: { en: 'English', es: 'Español' },
  flash: {
    success: 'Hecho:',
    info: 'Aviso:',
    error: 'Problema:',
  },
  errors: {
    conflict:
      'Eso choca con algo que ya existe (quizá una solicitud enviada dos veces). Recarga la página para ver el estado actual y vuelve a intentarlo si aún lo necesitas.',
    unreadableInput:
      'No se pudo leer parte de lo enviado: revisa fechas, números y textos por si hay valores fuera de rango o caracteres inusuales, y vuelve a intentarlo.',
    notFoundTitle: 'Página no encontrada',
    errorTitle: 'Algo no va bien',
    notFound:
      'No hay ninguna página en esta dirección. Revisa el enlace o vuelve a empezar desde la página de inicio.',
    unavailableTitle: 'Cairn no está disponible',
    databaseUnavailable:
      'Cairn no puede conectar con su base de datos ahora mismo; inténtalo de nuevo en un momento.',
    internal: 'Algo falló por nuestra parte. Quedó registrado como {requestId}; inténtalo de nuevo.',
    missing: missingErrors,
    general: generalErrors,
    http: httpErrors,
    verification: verificationErrors,
    ob3api: ob3apiErrors,
    webhooks: webhooksErrors,
    dataRights: dataRightsErrors,
    credit: creditErrors,
    audit: auditErrors,
    admin: adminErrors,
    startPage: 'Ir a la página de inicio',
    recognition: recognitionErrors,
    earning: earningErrors,
    payments: paymentErrors,
    issuing: issuingErrors,
    files: filesErrors,
  },
  components: {
    table: { empty: 'Todavía no hay nada aquí.', sortBy: 'Ordenar por {column}' },
    pagination: {
      label: 'Páginas',
      previous: 'Página anterior',
      next: 'Página siguiente',
      page: 'Página {page} de {pages}',
      results: '{count, plural, =0 {Ningún resultado} one {# resultado} other {# resultados}}',
    },
    confirm: { cancel: 'Cancelar', question: '¿Seguro? Esto no se puede deshacer.' },
    copy: { copy: 'Copiar', copyLabel: 'Copiar: {label}', copied: 'Copiado' },
    form: { needAttention: 'Algunos campos necesitan atención.' },
    badge: { issuedBy: 'Emitida por {issuer}', image: 'Imagen de la insignia {title}' },
  },
  pictures,
  status: {
    active: 'Vigente',
    revoked: 'Revocada',
    suspended: 'Suspendida',
    expired: 'Caducada',
    pending: 'Pendiente',
    draft: 'Borrador',
    published: 'Publicada',
    archived: 'Archivada',
    submitted: 'Enviada',
    approved: 'Aprobada',
    rejected: 'Rechazada',
    verified: 'Verificada',
    unverified: 'Sin verificar',
  },
  validation,
  accountMail,
  accounts,
  admin,
  home,
  earning,
  payments,
  verification,
  notifications,
  webhooks,
  audit,
  apiDocs,
  programA,
  catalog,
  backpack,
  recognition,
  issuingStaff,
  languageEditions,
  issuing,
  cli,
};
