/** Who issues: an organisation, through a member or an API token. */
export interface IssuingActor {
  organisationId: number;
  userId: number | null;
  ip: string | null;
}
