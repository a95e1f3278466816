/**
 * Typed paths of the issuing pages and files: build links, form actions and redirects with these,
 * never by hand. Segments are encoded, so a public id, slug or token can never break out of its
 * place in the path.
 */
const seg = (s: string) => encodeURIComponent(s);
const query = (params?: URLSearchParams) => {
  const q = params?.toString();
  return q ? `?${q}` : '';
};

/** A badge issued here: its public page and the files beside it. */
const badge = (credential: string) => `/badges/${seg(credential)}`;

export const issuingPaths = {
  badge,
  badgeJson: (credential: string) => `${badge(credential)}/credential.json`,
  badgeJwt: (credential: string) => `${badge(credential)}/credential.jwt`,
  badgeBakedPng: (credential: string) => `${badge(credential)}/baked.png`,
  badgeBakedSvg: (credential: string) => `${badge(credential)}/baked.svg`,
  badgeQr: (credential: string) => `${badge(credential)}/qr.svg`,
  /** The claim link emailed to a recipient, and its forms. */
  claim: (token: string) => `/claim/${seg(token)}`,
  claimAccept: (token: string) => `/claim/${seg(token)}/accept`,
  claimDecline: (token: string) => `/claim/${seg(token)}/decline`,
  claimSignUp: (token: string) => `/claim/${seg(token)}/signup`,
  claimRenew: (token: string) => `/claim/${seg(token)}/renew`,
  /** Issuer staff: the organisation's issued credentials (list, award form, status changes). */
  credentials: (orgSlug: string, params?: URLSearchParams) =>
    `/orgs/${seg(orgSlug)}/credentials${query(params)}`,
  credentialsStatus: (orgSlug: string) => `/orgs/${seg(orgSlug)}/credentials/status`,
  credentialStatus: (orgSlug: string, credential: string) =>
    `/orgs/${seg(orgSlug)}/credentials/${seg(credential)}/status`,
  /** Bulk awards: the runs, one run, its progress fragment, mapping and start. */
  awards: (orgSlug: string) => `/orgs/${seg(orgSlug)}/awards`,
  awardRun: (orgSlug: string, run: string) => `/orgs/${seg(orgSlug)}/awards/${seg(run)}`,
  awardRunProgress: (orgSlug: string, run: string) => `/orgs/${seg(orgSlug)}/awards/${seg(run)}/progress`,
  awardRunMapping: (orgSlug: string, run: string) => `/orgs/${seg(orgSlug)}/awards/${seg(run)}/mapping`,
  awardRunIssue: (orgSlug: string, run: string) => `/orgs/${seg(orgSlug)}/awards/${seg(run)}/issue`,
  /** The streamed roster upload of the JSON API (the bulk award page's script posts there). */
  awardRunsApi: (orgSlug: string) => `/api/v1/orgs/${seg(orgSlug)}/award-runs`,
  /** An organisation's did:web document and a status list. */
  didDocument: (orgSlug: string) => `/orgs/${seg(orgSlug)}/did.json`,
  statusList: (list: string) => `/status/${seg(list)}`,
} as const;
