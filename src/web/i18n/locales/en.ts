import { accountMail } from './en/accountMail.ts';
import { validation } from './en/validation.ts';
import { accounts } from './en/accounts.ts';
import { admin } from './en/admin.ts';
import { home } from './en/home.ts';

import { credit } from './en/credit.ts';
import { pictures } from './en/pictures.ts';

import { earning } from './en/earning.ts';
import { payments } from './en/payments.ts';
import { verification } from './en/verification.ts';
import { notifications } from './en/notifications.ts';
import { webhooks } from './en/webhooks.ts';
import { audit } from './en/audit.ts';
import { apiDocs } from './en/apiDocs.ts';
import { programA } from './en/programA.ts';
import { catalog } from './en/catalog.ts';
import { backpack } from './en/backpack.ts';
import { missing as missingErrors } from './en/errors/missing.ts';
import { general as generalErrors } from './en/errors/general.ts';
import { http as httpErrors } from './en/errors/http.ts';
import { admin as adminErrors } from './en/errors/admin.ts';
import { audit as auditErrors } from './en/errors/audit.ts';
import { credit as creditErrors } from './en/errors/credit.ts';
import { dataRights as dataRightsErrors } from './en/errors/dataRights.ts';
import { webhooks as webhooksErrors } from './en/errors/webhooks.ts';
import { ob3api as ob3apiErrors } from './en/errors/ob3api.ts';
import { verification as verificationErrors } from './en/errors/verification.ts';
import { recognition } from './en/recognition.ts';
import { issuingStaff } from './en/issuingStaff.ts';
import { languageEditions } from './en/languageEditions.ts';
import { recognitionErrors } from './en/errors/recognition.ts';
import { earningErrors } from './en/errors/earning.ts';
import { paymentErrors } from './en/errors/payments.ts';
import { issuingErrors } from './en/errors/issuing.ts';
import { files as filesErrors } from './en/errors/files.ts';
import { issuing } from './en/issuing.ts';
import { cli } from './en/cli.ts';

/**
 * The English message catalogue: the source of every key. Messages use ICU syntax
 * ({name}, {count, plural, one {…} other {…}}); locales/es.ts must have every key.
 */
export const en = {
  credit,
  layout: {
    brand: 'Cairn',
    title: '{title} · Cairn',
    skip: 'Skip to content',
    footer: 'Cairn — open micro-credentials and Open Badges 3.0.',
  },
  nav: {
    label: 'Main',
    menu: 'Menu',
    groups: {
      explore: 'Explore',
      learning: 'My learning',
      organisation: 'Organisation',
      admin: 'Administration',
    },
    overview: 'Overview',
    members: 'Members',
    audit: 'Audit log',
    microCredentials: 'Micro-credentials',
    credentials: 'Credentials',
    reviewQueue: 'Review queue',
    proofAndFees: 'Proof & fees',
    analytics: 'Analytics',
    apiTokens: 'API tokens',
    webhooks: 'Webhooks',
    recognition: 'Recognition',
    completionNotices: 'Completion notices',
    recognitionSubmissions: 'Recognition submissions',
    catalog: 'Catalog',
    verify: 'Verify a badge',
    applications: 'My applications',
    backpack: 'Backpack',
    licenses: 'Licenses',
    teams: 'Teams',
    reviews: 'Reviews',
    inbox: 'Inbox',
    unreadSuffix: ' unread',
    jobs: 'Jobs',
    mailbox: 'Mailbox',
  },
  account: {
    currentOrganisation: 'Current organisation',
    switch: 'Switch',
    newOrganisation: 'New organisation',
    logOut: 'Log out',
    logIn: 'Log in',
    signUp: 'Sign up',
    profileOf: 'Your profile: {name}',
  },
  preferences: {
    label: 'Preferences',
    language: 'Language',
    theme: 'Theme',
    themes: { system: 'Same as this device', light: 'Light', dark: 'Dark' },
    save: 'Save preferences',
    saved: 'Your preferences are saved.',
  },
  languages: { en: 'English', es: 'Español' },
  flash: {
    success: 'Done:',
    info: 'Note:',
    error: 'Problem:',
  },
  errors: {
    conflict:
      'That conflicts with something that already exists (perhaps a request sent twice). Reload the page to see the current state, then try again if you still need to.',
    unreadableInput:
      'Part of what was sent could not be read: check dates, numbers and text for values out of range or unusual characters, then try again.',
    notFoundTitle: 'Page not found',
    errorTitle: 'Something is wrong',
    notFound: 'There is no page at this address. Check the link, or start again from the home page.',
    unavailableTitle: 'Cairn is unavailable',
    databaseUnavailable: "Cairn can't reach its database right now; try again in a moment.",
    internal: 'Something went wrong on our side. It has been logged as {requestId}; please try again.',
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
    startPage: 'Go to the start page',
    recognition: recognitionErrors,
    earning: earningErrors,
    payments: paymentErrors,
    issuing: issuingErrors,
    files: filesErrors,
  },
  components: {
    table: { empty: 'Nothing here yet.', sortBy: 'Sort by {column}' },
    pagination: {
      label: 'Pages',
      previous: 'Previous page',
      next: 'Next page',
      page: 'Page {page} of {pages}',
      results: '{count, plural, =0 {No results} one {# result} other {# results}}',
    },
    confirm: { cancel: 'Cancel', question: 'Are you sure? This cannot be undone.' },
    copy: { copy: 'Copy', copyLabel: 'Copy: {label}', copied: 'Copied' },
    form: { needAttention: 'Some fields need attention.' },
    badge: { issuedBy: 'Issued by {issuer}', image: 'Badge image for {title}' },
  },
  pictures,
  status: {
    active: 'Active',
    revoked: 'Revoked',
    suspended: 'Suspended',
    expired: 'Expired',
    pending: 'Pending',
    draft: 'Draft',
    published: 'Published',
    archived: 'Archived',
    submitted: 'Submitted',
    approved: 'Approved',
    rejected: 'Rejected',
    verified: 'Verified',
    unverified: 'Not verified',
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
} as const;

/** The shape every catalogue has: the same keys as English, each a string. */
export type CatalogueOf<T> = { [K in keyof T]: T[K] extends string ? string : CatalogueOf<T[K]> };
export type Catalogue = CatalogueOf<typeof en>;
