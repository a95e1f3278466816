/* eslint-disable max-lines -- one declaration per table of the database (held to it by schema.test.ts); one file shows the whole shape */
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Id = Generated<number>;
type Json = ColumnType<
  Record<string, unknown>,
  string | Record<string, unknown> | undefined,
  string | Record<string, unknown>
>;

export interface UsersTable {
  id: Id;
  public_id: string;
  name: string;
  password_hash: string;
  is_platform_admin: Generated<boolean>;
  created_at: Generated<Date>;
  updated_at: Timestamp;
  /** Set when the person deleted their account (the row stays, anonymised; migration 0018). */
  deleted_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  /** The language the person chose (en | es), null when they never chose one (migration 0027). */
  locale: ColumnType<string | null, string | null | undefined, string | null>;
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
  status: ColumnType<
    'queued' | 'sending' | 'sent' | 'kept',
    'queued' | 'sending' | 'sent' | 'kept' | undefined,
    'queued' | 'sending' | 'sent' | 'kept'
  >;
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
  status: ColumnType<
    'active' | 'retired' | 'revoked',
    'active' | 'retired' | 'revoked' | undefined,
    'active' | 'retired' | 'revoked'
  >;
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
  /** What the token may do (API_SCOPES); migration 0021. */
  scopes: Generated<string[]>;
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
export type EarningMode =
  'reviewed_evidence' | 'assessment' | 'attendance' | 'course_completion' | 'proof_of_completion';

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
  /** ISO 4217 code of the fee (migration 0012). */
  application_fee_currency: Generated<string>;
  passing_score: number | null;
  earning_mode: EarningMode;
  search_text: Generated<string>;
  image_id: ColumnType<number | null, number | null | undefined, number | null>;
  created_by: number | null;
  created_at: Timestamp;
  published_at: NullableTimestamp;
  /** The language the issuer wrote this version in, BCP 47 (migration 0028). */
  in_language: Generated<string>;
  /** The Spanish edition's name and description (both or neither) and optional criteria (migration 0028). */
  es_name: string | null;
  es_description: string | null;
  es_criteria: string | null;
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
  /** A generated tsvector: never written, and null only where search_text is (it never is). */
  search: ColumnType<string | null, never, never>;
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

export type ApplicationStatus =
  | 'in_progress'
  | 'submitted'
  | 'in_review'
  | 'needs_revision'
  | 'passed'
  | 'expired'
  | 'withdrawn'
  | 'rejected';

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
  /** Proof of completion: the pre-approved program the earner completed (migration 0012). */
  proof_program: ColumnType<string | null, string | null | undefined, string | null>;
  /** Proof of completion: the pre-approved session chosen (migration 0026); proof_program keeps its label. */
  proof_session_id: ColumnType<number | null, number | null | undefined, number | null>;
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
  decision: 'passed' | 'needs_revision' | 'rejected' | null;
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

/** Recognition (issue 7): a recognizer organisation's program (migration 0013). */
export interface RecognitionProgramsTable {
  id: Id;
  public_id: string;
  organisation_id: number;
  name: string;
  license_name: string;
  description: Generated<string>;
  cycle_years: number;
  hours_required: number;
  unit_rule: 'fixed' | 'credit_hours';
  fixed_hours: number | null;
  cap_hours_per_cycle: number | null;
  posting: Generated<'automatic' | 'review'>;
  digest_email: Generated<boolean>;
  archived_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type SubmissionStatus =
  'submitted' | 'changes_requested' | 'approved' | 'rejected' | 'withdrawn' | 'superseded';

/** An issuer's submission of a micro-credential version (or a pathway / stack) to a recognition program. */
export interface ProgramSubmissionsTable {
  id: Id;
  public_id: string;
  program_id: number;
  issuer_organisation_id: number;
  micro_credential_id: number | null;
  micro_credential_version: number | null;
  pathway_id: number | null;
  stack_id: ColumnType<number | null, number | null | undefined, number | null>;
  statement: string;
  status: SubmissionStatus;
  hours_granted: number | null;
  /** A `date`: read back as a Date (node-postgres) or string; compare in SQL, format with `ends_on::text`. */
  ends_on: ColumnType<Date | string | null, string | null | undefined, string | null>;
  decided_by: number | null;
  decided_at: NullableTimestamp;
  previous_submission_id: number | null;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SubmissionMessagesTable {
  id: Id;
  submission_id: number;
  author_user_id: number | null;
  author_side: 'issuer' | 'recognizer';
  kind:
    | 'comment'
    | 'changes_requested'
    | 'approved'
    | 'rejected'
    | 'submitted'
    | 'resubmitted'
    | 'withdrawn'
    | 'endorsed';
  /** What the person wrote; empty when Cairn wrote the entry (its words come from `facts`). */
  body: string;
  /** An entry Cairn wrote, as facts worded when shown (migration 0030); null: the body is all. */
  facts: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
  created_at: Timestamp;
}

/** An OB 3.0 EndorsementCredential signed by a recognizer for an approved submission. */
export interface EndorsementsTable {
  id: Id;
  public_id: string;
  submission_id: number;
  organisation_id: number;
  document: string;
  sha256: string;
  revoked_at: NullableTimestamp;
  created_by: number | null;
  created_at: Timestamp;
}

/** Backpack (issue 6): a badge an earner imported from elsewhere, kept as given, with its last verification (migration 0011). */
export interface ImportedCredentialsTable {
  id: Id;
  public_id: string;
  user_id: number;
  format: 'json' | 'jws' | 'png' | 'svg' | 'url';
  source_url: string | null;
  /** JSON, compact JWS, SVG text, or the JSON fetched from source_url — exactly as received. */
  original_text: string | null;
  /** A PNG as uploaded. */
  original_bytes: Uint8Array | null;
  sha256: string;
  verified: boolean;
  status: ImportedStatus;
  failure_reason: string | null;
  /** The VerificationReport as JSON text (without the credential). */
  report: string;
  checked_at: Timestamp;
  /** The badge's own name; null when it has none (listed as untitled, in the reader's language). */
  name: string | null;
  issuer_name: string | null;
  image_url: string | null;
  issued_on: NullableTimestamp;
  created_at: Timestamp;
  /** The credential's own id, read when an OB 3.0 upsert first needs it ('' = it has none); null = not read yet. */
  credential_uri: ColumnType<string | null, string | null | undefined, string | null>;
}

export type ImportedStatus = 'valid' | 'revoked' | 'suspended' | 'expired' | 'failed';

/** Backpack: an earner's named set of badges, shareable by a secret link. */
export interface CollectionsTable {
  id: Id;
  public_id: string;
  user_id: number;
  name: string;
  description: Generated<string>;
  shared: Generated<boolean>;
  /** SHA-256 of the share link's secret (hashToken); the link itself is shown once, when made. */
  share_token_hash: string | null;
  shared_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CollectionItemsTable {
  id: Id;
  collection_id: number;
  credential_id: number | null;
  imported_credential_id: number | null;
  position: number;
}

/** Backpack: the earner's choice to keep a badge's public page private (no row = public). */
export interface CredentialPrivacyTable {
  credential_id: number;
  user_id: number;
  private: boolean;
  updated_at: Timestamp;
  /** The public page says "Issued to <name>" (migration 0024; default true). */
  show_name: ColumnType<boolean, boolean | undefined, boolean>;
}

/** Claiming an issued badge (issue 6): one row per credential sent to an email (migration 0009). */
export interface CredentialClaimsTable {
  credential_id: number;
  token_hash: string;
  expires_at: Timestamp;
  state: 'pending' | 'accepted' | 'declined';
  user_id: number | null;
  decided_at: NullableTimestamp;
  reminded_at: NullableTimestamp;
  created_at: Generated<Date>;
  /** The reminder email's own link (the first link keeps working too). */
  reminder_token_hash: ColumnType<string | null, string | null | undefined, string | null>;
}

/** The whole database, as Kysely sees it. */
/** Applying with proof and a fee (migration 0012): references and amounts only, never card data. */
export type PaymentState = 'pending' | 'paid' | 'refunded' | 'cancelled';

export interface PaymentsTable {
  id: Id;
  public_id: string;
  organisation_id: number;
  application_id: number;
  payer_user_id: number | null;
  amount_minor: number;
  currency: string;
  provider: string;
  provider_reference: ColumnType<string | null, string | null | undefined, string | null>;
  state: PaymentState;
  invoice_number: string;
  instructions: Generated<string>;
  /** How to pay, as facts worded when shown (migration 0029); null for payments made before, which keep their text. */
  instruction_facts: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
  receipt_sent_at: NullableTimestamp;
  marked_paid_by: ColumnType<number | null, number | null | undefined, number | null>;
  paid_at: NullableTimestamp;
  refunded_by: ColumnType<number | null, number | null | undefined, number | null>;
  refunded_at: NullableTimestamp;
  refund_reference: ColumnType<string | null, string | null | undefined, string | null>;
  refund_reason: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface InvoiceCountersTable {
  organisation_id: number;
  last_number: number;
}

/** Bulk award from a CSV roster (migration 0010). */
export type AwardRunState = 'uploaded' | 'checking' | 'dry_run' | 'queued' | 'running' | 'done' | 'failed';
export type AwardRowState =
  'unchecked' | 'pending' | 'invalid' | 'duplicate' | 'already_issued' | 'issued' | 'skipped';

export interface AwardRunsTable {
  id: Id;
  public_id: string;
  organisation_id: number;
  micro_credential_id: number;
  micro_credential_version: number;
  file_name: string;
  header: ColumnType<string[], string, string>;
  mapping: ColumnType<Record<string, string> | null, string | null | undefined, string | null>;
  state: AwardRunState;
  total_rows: Generated<number>;
  valid_rows: Generated<number>;
  invalid_rows: Generated<number>;
  duplicate_rows: Generated<number>;
  already_issued_rows: Generated<number>;
  issued_rows: Generated<number>;
  skipped_rows: Generated<number>;
  error: ColumnType<string | null, string | null | undefined, string | null>;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  started_at: NullableTimestamp;
  finished_at: NullableTimestamp;
}

export interface AwardRowsTable {
  run_id: number;
  row_number: number;
  cells: ColumnType<string[], string, string>;
  email: string | null;
  name: string | null;
  external_id: string | null;
  credits: number | null;
  issued_on: string | null;
  evidence_url: string | null;
  narrative: string | null;
  state: AwardRowState;
  error: string | null;
  credential_id: number | null;
}

export interface AwardKeysTable {
  organisation_id: number;
  micro_credential_id: number;
  micro_credential_version: number;
  recipient_email: string;
  external_id: string;
  credential_id: number;
  created_at: Timestamp;
}

/** A `date` column: node-postgres reads a Date, PGlite may read a string; use `dayString` (domain/credit.ts). */
type DateColumn = ColumnType<Date | string, string, string>;

/** Ledger (issue 7): an earner's license number linked to a recognition program (migration 0014). */
export interface LicenseRecordsTable {
  id: Id;
  public_id: string;
  program_id: number;
  user_id: number;
  license_number: string;
  state: 'pending' | 'confirmed' | 'rejected';
  confirmed_by: number | null;
  decided_at: NullableTimestamp;
  note: string | null;
  cycle_start: DateColumn;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** Ledger: a recognizer's completion notice for a credential issued for a recognized version. */
export interface CompletionNoticesTable {
  id: Id;
  public_id: string;
  program_id: number;
  credential_id: number;
  submission_id: number | null;
  license_record_id: number | null;
  state: ColumnType<
    'new' | 'posted' | 'dismissed',
    'new' | 'posted' | 'dismissed' | undefined,
    'new' | 'posted' | 'dismissed'
  >;
  document: string;
  hours_granted: number | null;
  created_at: Timestamp;
  read_at: NullableTimestamp;
  decided_at: NullableTimestamp;
  decided_by: number | null;
  dismiss_reason: string | null;
  digest_sent_at: NullableTimestamp;
  webhook_state: ColumnType<
    'none' | 'pending' | 'delivered' | 'failed',
    'none' | 'pending' | 'delivered' | 'failed' | undefined,
    'none' | 'pending' | 'delivered' | 'failed'
  >;
  webhook_attempts: Generated<number>;
  webhook_last_error: string | null;
  webhook_delivered_at: NullableTimestamp;
}

/** Ledger: the append-only credit ledger (a trigger refuses UPDATE and DELETE). */
export interface CreditEntriesTable {
  id: Id;
  public_id: string;
  license_record_id: number;
  program_id: number;
  credential_id: number;
  notice_id: number | null;
  hours: number;
  cycle_start: DateColumn;
  kind: 'credit' | 'reversal';
  reverses_entry_id: number | null;
  posted_by_user_id: number | null;
  reason: Generated<string>;
  created_at: Timestamp;
}

/** OB 3.0 API: the authorization server's stored models (oidc-provider adapter). */
export interface OauthModelsTable {
  model: string;
  id: string;
  payload: ColumnType<Record<string, unknown>, string, string>;
  grant_id: string | null;
  user_code: string | null;
  uid: string | null;
  expires_at: NullableTimestamp;
}

/** OB 3.0 API: the authorization server's signing key, sealed with CAIRN_SECRET. */
export interface OauthSigningKeysTable {
  name: string;
  sealed_jwk: string;
  created_at: Timestamp;
}

/** OB 3.0 API: an earner's connection to another OB 3.0 host (tokens sealed). */
export interface Ob3ConnectionsTable {
  id: Id;
  public_id: string;
  user_id: number;
  base_url: string;
  host_name: string;
  issuer: string;
  authorization_url: string;
  token_url: string;
  revocation_url: string | null;
  api_base: string;
  client_id: string;
  sealed_client_secret: string | null;
  state: 'pending' | 'connected';
  sealed_pkce_verifier: string | null;
  oauth_state: string | null;
  sealed_access_token: string | null;
  sealed_refresh_token: string | null;
  access_expires_at: NullableTimestamp;
  scope: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** Settings every process on one database must agree on (e.g. `public_url`). */
export interface InstanceSettingsTable {
  name: string;
  value: string;
  updated_at: Timestamp;
}

/** An organisation's webhook subscription (migration 0020); the secret is sealed with the key vault. */
export interface WebhookSubscriptionsTable {
  id: Id;
  public_id: string;
  organisation_id: number;
  url: string;
  events: string[];
  /** Only completion notices of this recognition program (a program's webhook, moved). */
  program_public_id: string | null;
  secret_enc: string;
  enabled: Generated<boolean>;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type WebhookDeliveryState = 'pending' | 'delivered' | 'failed' | 'cancelled';

/** One event sent (or to be sent) to one subscription; a replay is a new row of the same event. */
export interface WebhookDeliveriesTable {
  id: Id;
  public_id: string;
  subscription_id: number;
  organisation_id: number;
  audit_event_id: number | null;
  event_id: string;
  event_type: string;
  replay_of: number | null;
  body: string | null;
  state: ColumnType<WebhookDeliveryState, WebhookDeliveryState | undefined, WebhookDeliveryState>;
  attempts: Generated<number>;
  status_code: number | null;
  response_snippet: string | null;
  last_error: string | null;
  created_at: Timestamp;
  last_attempt_at: NullableTimestamp;
  delivered_at: NullableTimestamp;
}

export interface Database {
  oauth_models: OauthModelsTable;
  oauth_signing_keys: OauthSigningKeysTable;
  ob3_connections: Ob3ConnectionsTable;
  imported_credentials: ImportedCredentialsTable;
  collections: CollectionsTable;
  collection_items: CollectionItemsTable;
  credential_privacy: CredentialPrivacyTable;
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
  credential_claims: CredentialClaimsTable;
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
  payments: PaymentsTable;
  invoice_counters: InvoiceCountersTable;
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
  award_runs: AwardRunsTable;
  award_rows: AwardRowsTable;
  award_keys: AwardKeysTable;
  recognition_programs: RecognitionProgramsTable;
  program_submissions: ProgramSubmissionsTable;
  submission_messages: SubmissionMessagesTable;
  endorsements: EndorsementsTable;
  license_records: LicenseRecordsTable;
  completion_notices: CompletionNoticesTable;
  credit_entries: CreditEntriesTable;
  instance_settings: InstanceSettingsTable;
  webhook_subscriptions: WebhookSubscriptionsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  notifications: NotificationsTable;
  notification_preferences: NotificationPreferencesTable;
  ce_sessions: CeSessionsTable;
  ce_session_invitations: CeSessionInvitationsTable;
}

/** Program A (migration 0026): a provider's continuing-education session, pre-approved (or not) by a council. */
export type CeSessionStatus = 'submitted' | 'approved' | 'declined' | 'withdrawn';

export interface CeSessionsTable {
  id: Id;
  public_id: string;
  council_organisation_id: number;
  micro_credential_id: number;
  provider_organisation_id: number | null;
  provider_name: string;
  title: string;
  /** `date` columns: compare in SQL, read with `::text`. */
  starts_on: ColumnType<Date | string | null, string | null | undefined, string | null>;
  ends_on: ColumnType<Date | string | null, string | null | undefined, string | null>;
  hours: ColumnType<number | string | null, number | null | undefined, number | null>;
  description: Generated<string>;
  presenter: Generated<string>;
  status: CeSessionStatus;
  decision_note: ColumnType<string | null, string | null | undefined, string | null>;
  requested_by: number | null;
  decided_by: ColumnType<number | null, number | null | undefined, number | null>;
  decided_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** An attendee on a provider's roster of an approved session, invited by email to apply. */
export interface CeSessionInvitationsTable {
  id: Id;
  public_id: string;
  session_id: number;
  name: string;
  email: string;
  state: 'queued' | 'sent';
  sent_at: NullableTimestamp;
  created_by: number | null;
  created_at: Timestamp;
}

/** Notifications (migration 0025): one person's inbox, filled by a trigger on audit_events. */
export type NotificationEmailState = 'pending' | 'digest' | 'none' | 'sent' | 'digested' | 'external';

export interface NotificationsTable {
  id: Id;
  public_id: string;
  user_id: number;
  organisation_id: number | null;
  audit_event_id: number | null;
  kind: string;
  data: ColumnType<Record<string, unknown>, string, string>;
  email: NotificationEmailState;
  created_at: Timestamp;
  read_at: NullableTimestamp;
  emailed_at: NullableTimestamp;
}

export interface NotificationPreferencesTable {
  user_id: number;
  kind: string;
  delivery: 'in_app' | 'email' | 'digest';
  updated_at: Timestamp;
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
