/** The OB 3.0 API's OAuth 2.0 scopes, and what each lets a client do, in plain words. */
export const SCOPE_PREFIX = 'https://purl.imsglobal.org/spec/ob/v3p0/scope/';

export const SCOPES = {
  credentialRead: `${SCOPE_PREFIX}credential.readonly`,
  credentialUpsert: `${SCOPE_PREFIX}credential.upsert`,
  profileRead: `${SCOPE_PREFIX}profile.readonly`,
  profileUpdate: `${SCOPE_PREFIX}profile.update`,
} as const;

export type Ob3Scope = (typeof SCOPES)[keyof typeof SCOPES];
export const ALL_SCOPES: readonly Ob3Scope[] = Object.values(SCOPES);

/** The words a consent page and the discovery document use for each scope. */
export const SCOPE_WORDS: Record<Ob3Scope, string> = {
  [SCOPES.credentialRead]:
    'See the badges in your Cairn backpack (the ones issued to you and the ones you imported).',
  [SCOPES.credentialUpsert]: 'Add badges to your Cairn backpack, or replace ones it added before.',
  [SCOPES.profileRead]: 'See your Cairn profile: your name and your email address.',
  [SCOPES.profileUpdate]: 'Change your name on Cairn.',
};

export const isOb3Scope = (s: string): s is Ob3Scope => (ALL_SCOPES as readonly string[]).includes(s);

/** Where the API lives, below the public URL. */
export const API_PATH = '/ims/ob/v3p0';
