/** Typed paths of the credit pages (licenses, notices, roster): build links with these, never by hand. */
export const ledgerPaths = {
  myLicenses: () => '/me/licenses',
  myLicense: (licensePublicId: string) => `/me/licenses/${licensePublicId}`,
  myTranscript: (licensePublicId: string) => `/me/licenses/${licensePublicId}/transcript`,
  /** POST only: signs a new transcript, records it in the audit log and returns the file. */
  myTranscriptDownload: (licensePublicId: string) => `/me/licenses/${licensePublicId}/transcript.json`,
  notices: (slug: string, state?: 'new' | 'posted' | 'dismissed') =>
    `/orgs/${slug}/recognition/notices${state ? `?state=${state}` : ''}`,
  notice: (slug: string, noticePublicId: string) => `/orgs/${slug}/recognition/notices/${noticePublicId}`,
  noticeAction: (
    slug: string,
    noticePublicId: string,
    action: 'post' | 'dismiss' | 'read' | 'credential.json',
  ) => `/orgs/${slug}/recognition/notices/${noticePublicId}/${action}`,
  licenses: (slug: string) => `/orgs/${slug}/recognition/licenses`,
  decideLicense: (slug: string, licensePublicId: string, decision: 'confirm' | 'reject') =>
    `/orgs/${slug}/recognition/licenses/${licensePublicId}/${decision}`,
  /** The roster; `shortOnly` filters it to those short of their hours. */
  roster: (slug: string, filter: { shortOnly?: boolean } = {}) =>
    `/orgs/${slug}/recognition/roster${filter.shortOnly ? '?short=1' : ''}`,
  rosterCsv: (slug: string, query = '') => `/orgs/${slug}/recognition/roster.csv${query ? `?${query}` : ''}`,
  programWebhook: (slug: string, programPublicId: string) =>
    `/orgs/${slug}/recognition/programs/${programPublicId}/webhook`,
};

/** Pages of other features the credit pages link to (issuing and verification keep no paths.ts yet). */
export const outsidePaths = {
  badge: (credentialPublicId: string) => `/badges/${credentialPublicId}`,
  verify: () => '/verify',
};
