import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Id = Generated<number>;
type Json = ColumnType<Record<string, unknown>, string | Record<string, unknown> | undefined, string | Record<string, unknown>>;

export interface UsersTable {
  id: Id;
  public_id: string;
  name: string;
  password_hash: string;
  is_platform_admin: Generated<boolean>;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

export interface UserEmailsTable {
  id: Id;
  user_id: number;
  email: string;
  is_primary: Generated<boolean>;
  confirmed_at: NullableTimestamp;
  created_at: Generated<Date>;
}

export interface AccountTokensTable {
  id: Id;
  token_hash: string;
  purpose: 'confirm_email' | 'reset_password';
  user_id: number;
  email_id: number | null;
  expires_at: Timestamp;
  used_at: NullableTimestamp;
  created_at: Generated<Date>;
}

export interface OrganisationsTable {
  id: Id;
  public_id: string;
  slug: string;
  name: string;
  kind: 'issuer' | 'recognizer' | 'both';
  description: Generated<string>;
  website: string | null;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

export interface MembershipsTable {
  id: Id;
  organisation_id: number;
  user_id: number;
  roles: string[];
  created_at: Generated<Date>;
}

export interface InvitationsTable {
  id: Id;
  public_id: string;
  organisation_id: number;
  email: string;
  roles: string[];
  token_hash: string;
  invited_by: number | null;
  created_at: Generated<Date>;
  expires_at: Timestamp;
  accepted_at: NullableTimestamp;
  accepted_by: number | null;
  revoked_at: NullableTimestamp;
}

export interface SessionsTable {
  id: Id;
  token_hash: string;
  user_id: number;
  active_organisation_id: number | null;
  ip: string | null;
  user_agent: string | null;
  created_at: Generated<Date>;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
}

export interface LoginFailuresTable {
  id: Id;
  key: string;
  failed_at: Timestamp;
}

export interface AuditEventsTable {
  id: Id;
  organisation_id: number | null;
  actor_user_id: number | null;
  action: string;
  subject_type: string;
  subject_id: string | null;
  data: Json;
  ip: string | null;
  created_at: Timestamp;
}

export type JobStatus = 'queued' | 'running' | 'succeeded' | 'dead';

export interface JobsTable {
  id: Id;
  type: string;
  payload: Json;
  status: ColumnType<JobStatus, JobStatus | undefined, JobStatus>;
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  run_at: Timestamp;
  locked_by: string | null;
  locked_until: NullableTimestamp;
  last_error: string | null;
  idempotency_key: string | null;
  organisation_id: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  finished_at: NullableTimestamp;
}

export interface JobRunsTable {
  id: Id;
  job_id: number;
  attempt: number;
  worker: string;
  started_at: Timestamp;
  finished_at: NullableTimestamp;
  outcome: 'succeeded' | 'failed' | null;
  error: string | null;
}

export interface JobSchedulesTable {
  name: string;
  job_type: string;
  every_seconds: number;
  next_run_at: Timestamp;
  last_enqueued_at: NullableTimestamp;
}

export interface MailOutboxTable {
  id: Id;
  public_id: string;
  organisation_id: number | null;
  template: string;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string;
  status: ColumnType<'queued' | 'sending' | 'sent' | 'kept', 'queued' | 'sending' | 'sent' | 'kept' | undefined, 'queued' | 'sending' | 'sent' | 'kept'>;
  /** While 'sending': when the sender's claim runs out (a crashed sender's message is sent again after it). */
  sending_until: ColumnType<Date | null, Date | null | undefined, Date | null>;
  message_id: string | null;
  created_at: Generated<Date>;
  sent_at: NullableTimestamp;
}

export interface IssuerKeysTable {
  id: Id;
  public_id: string;
  organisation_id: number;
  algorithm: ColumnType<'Ed25519' | 'RSA', 'Ed25519' | 'RSA' | undefined, 'Ed25519' | 'RSA'>;
  public_key_multibase: string | null;
  /** RSA public keys, as a JWK JSON text. */
  public_key_jwk: string | null;
  private_key_encrypted: string;
  status: ColumnType<'active' | 'retired' | 'revoked', 'active' | 'retired' | 'revoked' | undefined, 'active' | 'retired' | 'revoked'>;
  created_at: Timestamp;
  retired_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
  revocation_reason: string | null;
}

export interface CredentialsTable {
  id: Id;
  public_id: string;
  organisation_id: number;
  credential_id: string;
  recipient_email: string | null;
  recipient_did: string | null;
  achievement_id: string;
  achievement_name: string;
  issuer_key_id: number | null;
  /** The signed document exactly as issued; never re-serialised. */
  document: string;
  document_sha256: string;
  jwt: string | null;
  valid_from: Timestamp;
  valid_until: NullableTimestamp;
  issued_at: Timestamp;
  issued_by: number | null;
  micro_credential_id: ColumnType<number | null, number | null | undefined, number | null>;
  micro_credential_version: ColumnType<number | null, number | null | undefined, number | null>;
  pathway_id: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface StatusListsTable {
  id: Id;
  public_id: string;
  organisation_id: number;
  purpose: 'revocation' | 'suspension';
  size: number;
  bits: Uint8Array;
  used: Generated<number>;
  version: Generated<number>;
  signed_version: Generated<number>;
  signed_document: string | null;
  signed_at: NullableTimestamp;
  created_at: Timestamp;
}

export interface StatusEntriesTable {
  credential_id: number;
  status_list_id: number;
  list_index: number;
}

export interface CredentialStatusEventsTable {
  id: Id;
  credential_id: number;
  action: 'revoked' | 'suspended' | 'reinstated';
  reason: string | null;
  actor_user_id: number | null;
  created_at: Timestamp;
}

export interface ApiTokensTable {
  id: Id;
  public_id: string;
  organisation_id: number;
  name: string;
  token_hash: string;
  created_by: number | null;
  created_at: Timestamp;
  last_used_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
}

export interface MicroCredentialsTable {
  id: Id;
  public_id: string;
  organisation_id: number;
  slug: string;
  created_at: Timestamp;
  retired_at: NullableTimestamp;
}

export type VersionStatus = 'draft' | 'published' | 'superseded';
export type EarningMode = 'reviewed_evidence' | 'assessment' | 'attendance' | 'course_completion';

export interface MicroCredentialVersionsTable {
  id: Id;
  public_id: string;
  micro_credential_id: number;
  version: number;
  status: VersionStatus;
  title: string;
  competency: Generated<string>;
  description: Generated<string>;
  key_method: Generated<string>;
  criteria: Generated<string>;
  evidence_parts: ColumnType<unknown[], string, string>;
  rubric: ColumnType<Record<string, unknown>, string, string>;
  effort_hours: number | null;
  credit_hours: number | null;
  achievement_type: Generated<string>;
  tags: Generated<string[]>;
  alignments: ColumnType<unknown[], string, string>;
  validity_months: number | null;
  application_window_months: Generated<number>;
  application_fee_cents: number | null;
  passing_score: number | null;
  earning_mode: EarningMode;
  search_text: Generated<string>;
  image_id: ColumnType<number | null, number | null | undefined, number | null>;
  created_by: number | null;
  created_at: Timestamp;
  published_at: NullableTimestamp;
}

export interface CatalogEntriesTable {
  micro_credential_id: number;
  version_id: number;
  public_id: string;
  slug: string;
  organisation_id: number;
  organisation_slug: string;
  organisation_name: string;
  version: number;
  title: string;
  competency: string;
  effort_hours: number | null;
  credit_hours: number | null;
  earning_mode: EarningMode;
  tags: string[];
  published_at: Timestamp;
  search_text: string;
  search: ColumnType<string, never, never>;
}

export interface PathwaysTable {
  id: Id;
  public_id: string;
  organisation_id: number;
  slug: string;
  name: string;
  description: Generated<string>;
  achievement_type: Generated<string>;
  requirement: ColumnType<unknown, string, string>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface BadgeImagesTable {
  id: Id;
  public_id: string;
  organisation_id: number;
  svg: string | null;
  png: Uint8Array;
  sha256: string;
  origin: 'uploaded' | 'generated';
  created_at: Timestamp;
}

export type ApplicationStatus = 'in_progress' | 'submitted' | 'in_review' | 'needs_revision' | 'passed' | 'expired' | 'withdrawn';

export interface ApplicationsTable {
  id: Id;
  public_id: string;
  organisation_id: number;
  micro_credential_id: number;
  version_id: number;
  earner_user_id: number;
  status: ApplicationStatus;
  deadline_at: Timestamp;
  attempts: Generated<number>;
  /** Deadline reminders already sent (30, 7, 1 days before). */
  reminded_days: Generated<number[]>;
  credential_id: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  passed_at: NullableTimestamp;
}

export interface EvidenceItemsTable {
  application_id: number;
  part_index: number;
  kind: 'text' | 'file' | 'link';
  text_value: string | null;
  link_url: string | null;
  file_id: ColumnType<number | null, number | null | undefined, number | null>;
  updated_at: Timestamp;
}

export interface EvidenceFilesTable {
  id: Id;
  public_id: string;
  application_id: number;
  filename: string;
  content_type: string;
  size: number;
  sha256: string;
  bytes: Uint8Array;
  created_at: Timestamp;
}

export interface AttemptsTable {
  id: Id;
  public_id: string;
  application_id: number;
  number: number;
  evidence: ColumnType<unknown[], string, string>;
  submitted_at: Timestamp;
  reviewer_user_id: number | null;
  assigned_at: NullableTimestamp;
  decision: 'passed' | 'needs_revision' | null;
  scores: ColumnType<Record<string, string> | null, string | null, string | null>;
  feedback: ColumnType<Record<string, string> | null, string | null, string | null>;
  overall_feedback: string | null;
  reviewed_at: NullableTimestamp;
}

export interface TeamsTable {
  id: Id;
  public_id: string;
  name: string;
  created_by: number | null;
  created_at: Timestamp;
}

export interface TeamMembersTable {
  team_id: number;
  user_id: number;
  joined_at: Timestamp;
}

export interface TeamMicroCredentialsTable {
  team_id: number;
  micro_credential_id: number;
}

export interface MicroCredentialReviewersTable {
  micro_credential_id: number;
  user_id: number;
}

export interface SecondReviewsTable {
  id: Id;
  public_id: string;
  attempt_id: number;
  reviewer_user_id: number;
  requested_by: number | null;
  requested_at: Timestamp;
  scores: ColumnType<Record<string, string> | null, string | null | undefined, string | null>;
  decision: 'passed' | 'needs_revision' | null;
  reviewed_at: NullableTimestamp;
}

export interface TeamInvitationsTable {
  id: Id;
  team_id: number;
  email: string;
  token_hash: string;
  invited_by: number | null;
  created_at: Timestamp;
  expires_at: Timestamp;
  accepted_at: NullableTimestamp;
}

export interface StacksTable {
  id: Id;
  public_id: string;
  organisation_id: number;
  slug: string;
  name: string;
  description: Generated<string>;
  created_at: Timestamp;
}

export interface StackMembersTable {
  stack_id: number;
  micro_credential_id: number;
  position: Generated<number>;
}

/** The whole database, as Kysely sees it. */
export interface Database {
  users: UsersTable;
  user_emails: UserEmailsTable;
  account_tokens: AccountTokensTable;
  organisations: OrganisationsTable;
  memberships: MembershipsTable;
  invitations: InvitationsTable;
  sessions: SessionsTable;
  login_failures: LoginFailuresTable;
  audit_events: AuditEventsTable;
  jobs: JobsTable;
  job_runs: JobRunsTable;
  job_schedules: JobSchedulesTable;
  mail_outbox: MailOutboxTable;
  issuer_keys: IssuerKeysTable;
  credentials: CredentialsTable;
  status_lists: StatusListsTable;
  status_entries: StatusEntriesTable;
  credential_status_events: CredentialStatusEventsTable;
  api_tokens: ApiTokensTable;
  micro_credentials: MicroCredentialsTable;
  micro_credential_versions: MicroCredentialVersionsTable;
  stacks: StacksTable;
  catalog_entries: CatalogEntriesTable;
  pathways: PathwaysTable;
  badge_images: BadgeImagesTable;
  applications: ApplicationsTable;
  evidence_items: EvidenceItemsTable;
  evidence_files: EvidenceFilesTable;
  attempts: AttemptsTable;
  teams: TeamsTable;
  team_members: TeamMembersTable;
  team_micro_credentials: TeamMicroCredentialsTable;
  team_invitations: TeamInvitationsTable;
  micro_credential_reviewers: MicroCredentialReviewersTable;
  second_reviews: SecondReviewsTable;
  stack_members: StackMembersTable;
}

export type User = Selectable<UsersTable>;
export type UserEmail = Selectable<UserEmailsTable>;
export type Organisation = Selectable<OrganisationsTable>;
export type Membership = Selectable<MembershipsTable>;
export type Invitation = Selectable<InvitationsTable>;
export type Session = Selectable<SessionsTable>;
export type AuditEvent = Selectable<AuditEventsTable>;
export type Job = Selectable<JobsTable>;
export type NewJob = Insertable<JobsTable>;
export type MailMessageRow = Selectable<MailOutboxTable>;
export type IssuerKey = Selectable<IssuerKeysTable>;
export type CredentialRow = Selectable<CredentialsTable>;
export type StatusList = Selectable<StatusListsTable>;
