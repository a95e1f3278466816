/** Typed paths of the credit pages (licenses, notices, roster): build links with these, never by hand. */
export const ledgerPaths = {
  myLicenses: () => '/me/licenses',
  myLicense: (licensePublicId: string) => `/me/licenses/${licensePublicId}`,
  myTranscript: (licensePublicId: string) => `/me/licenses/${licensePublicId}/transcript`,
  myTranscriptJson: (licensePublicId: string) => `/me/licenses/${licensePublicId}/transcript.json`,
  notices: (slug: string) => `/orgs/${slug}/recognition/notices`,
  notice: (slug: string, noticePublicId: string) => `/orgs/${slug}/recognition/notices/${noticePublicId}`,
  noticeAction: (
    slug: string,
    noticePublicId: string,
    action: 'post' | 'dismiss' | 'read' | 'credential.json',
  ) => `/orgs/${slug}/recognition/notices/${noticePublicId}/${action}`,
  licenses: (slug: string) => `/orgs/${slug}/recognition/licenses`,
  decideLicense: (slug: string, licensePublicId: string, decision: 'confirm' | 'reject') =>
    `/orgs/${slug}/recognition/licenses/${licensePublicId}/${decision}`,
  roster: (slug: string) => `/orgs/${slug}/recognition/roster`,
  rosterCsv: (slug: string) => `/orgs/${slug}/recognition/roster.csv`,
  programWebhook: (slug: string, programPublicId: string) =>
    `/orgs/${slug}/recognition/programs/${programPublicId}/webhook`,
};
