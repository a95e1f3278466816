import { IntlMessageFormat } from 'intl-messageformat';

/**
 * What the verifier says about each check, in English, as ICU messages. The engine imports
 * nothing from the web layer, so its words are kept here: the W3C VC API and JSON answers carry
 * this English as `message`, and the message catalogue takes the same table
 * (`verification.checkDetails.*`, with the Spanish beside the other Spanish), so a page words each
 * check from its detail's key and values in the reader's language.
 *
 * Values: numbers are formatted by ICU; a list is joined with commas; a date is as the credential
 * writes it. Text the engine did not write (a library's error, the issuer's own words) is never a
 * value here: it travels as the detail's `quoted` text.
 */
export const checkMessages = {
  // Reading the input
  notCredentialOrImage: 'Not a JSON credential, a compact JWS, or a PNG/SVG badge image',
  imageWithoutBadge: 'This {kind} image carries no badge',
  hostedNeedsNetwork: 'The badge points to {url}, which needs the network',
  hostedNotObject: 'The hosted assertion is not a JSON object',
  inputTooLong: 'The credential is {count, number} characters long; at most {max, number} are read',
  jsonNotObject: 'The JSON is not an object',
  notJsonOrJws: 'Not a JSON credential or a compact JWS',
  notJson: 'The text is not valid JSON',
  jwsUnreadable: 'The compact JWS cannot be read',
  tooManyValues: 'The document has more than {max, number} values; a credential has far fewer',
  tooDeep: 'The document is nested more than {max, number} levels deep; a credential is much flatter',
  listTooLong: 'A list in the document has {count, number} items, more than the {max, number} allowed',
  tooMuchText:
    'The document has more than {max, number} million characters of text; a credential is much smaller',
  notOb2: 'Not an Open Badges 2.0 assertion',
  unreadablePresented:
    'A presented credential is neither a credential (JSON object), an enveloped VC-JWT (data:application/vc+jwt,…) nor a compact JWS',
  // Data model, schema, profile
  notJsonLd: 'The credential is not well-formed JSON-LD',
  notOpenBadge:
    'Not an Open Badge: its type names none of OpenBadgeCredential, AchievementCredential, EndorsementCredential or ClrCredential',
  missingFields: 'Missing: {fields}',
  // Keys and signatures
  proofAt: 'Proof {proof} of {proofs}: {text}',
  noVerificationMethod: 'No proof names a verification method',
  noKey: 'No key to check the signature with',
  namesNoVerificationMethod: 'It names no verification method',
  notAProof: 'It is not a proof with a verification method',
  keyRevoked: 'The issuer marked key {key} as compromised',
  keyNotIssuers: 'Key {key} does not belong to issuer {issuer}',
  noIssuerProof: 'No proof is made with a key of issuer {issuer}',
  keyUnusable: 'The key is neither an Ed25519 Multikey nor a JWK usable for this proof',
  jwsMismatch: 'The JWS signature does not match',
  tooManyProofs:
    'The credential carries {count, number} proofs; at most {max, number} are checked, so it cannot be verified here',
  verificationMethodNotUrl: 'Its verificationMethod is not a URL',
  purposeMismatch: 'Its proofPurpose is {purpose}, where {expected} is expected',
  purposeMissing: 'It has no proofPurpose, where {expected} is expected',
  createdNotDate: 'Its created date is not an XML Schema dateTimeStamp',
  expiresNotDate: 'Its expires date is not an XML Schema dateTimeStamp',
  proofExpired: 'It expired {date}',
  proofContext: 'Its @context is not the beginning of the document’s @context',
  previousNotIds: 'Its previousProof must name proofs by id',
  previousMissing: 'It follows {ids}, which is not another proof of this credential',
  unsupportedProof: 'Unsupported proof {type}/{cryptosuite}',
  proofValueNotMultibase: 'Its proofValue must be a base58btc multibase string',
  proofValueUnreadable: 'Its proofValue cannot be decoded',
  signatureLength: 'An Ed25519 signature is 64 bytes',
  notCanonicalizable: 'The document is not well-formed JSON-LD, so what it says cannot be signed or checked',
  signatureMismatch: 'The signature does not match the document',
  budgetExceeded:
    '{step, select, canonicalization {Canonicalizing the document} key {Resolving the key} status {Checking the status} other {The verification}} took longer than this server allows for one verification, so it was stopped',
  // Self-asserted credentials in a presentation
  holderMissing:
    'This credential has no proof of its own, so the presentation must name its holder, who must be its issuer',
  holderNotIssuer:
    'This credential has no proof of its own, so only its holder ({holder}) may be its issuer, not {issuer}',
  holderNotIssuerNobody:
    'This credential has no proof of its own, so only its holder ({holder}) may be its issuer, and it names none',
  noOwnProof: 'The credential has no proof of its own',
  selfAssertedKey: 'Self-asserted: issued by the holder who signed the presentation',
  selfAssertedProof: 'Secured by the holder’s signature on the presentation',
  // Dates
  dateNotDateTime: '{field} is not a date and time (XML Schema dateTimeStamp)',
  notYetValid: 'Valid from {date}',
  expiredOn: 'Expired {date}',
  // Status
  tooManyStatusEntries:
    'The credential has {count, number} status entries; at most {max, number} are checked',
  statusEntryNotObject: 'A credentialStatus entry is not an object',
  statusEntryMalformed: 'A status entry is malformed',
  statusUnreachable: 'Cannot check status at {url}',
  statusUnreachableBecause: 'Cannot check status at {url}: {text}',
  listNotObject: 'Cannot check status at {url}: it is not a JSON object',
  listTooLarge: 'Cannot check status at {url}: the list is far larger than any status list',
  listNotStatusList: 'Cannot check status at {url}: not a BitstringStatusListCredential',
  listIdMismatch:
    'Cannot check status at {url}: the list says it is {listId}, not the list the credential names',
  listOtherIssuer: 'Cannot check status at {url}: the status list has another issuer',
  listNotSigned: 'Cannot check status at {url}: the status list is not signed',
  listSignatureInvalid: 'Cannot check status at {url}: its signature does not verify',
  listProofFails: 'Cannot check status at {url}: its proof does not verify ({code})',
  listKeyUnusable: 'Cannot check status at {url}: its key cannot be used ({code})',
  listNotValidNow: 'Cannot check status at {url}: the list itself is not valid now ({code})',
  listPurposeMismatch: 'Cannot check status at {url}: the list is for {purposes}, not {purpose}',
  listNoPurpose: 'Cannot check status at {url}: the list is for no purpose, not {purpose}',
  listUnreadable: 'Cannot check status at {url}: its encodedList cannot be read',
  listTooShort:
    'The status list at {url} has {count, number} entries; a list must have at least {min, number} (16 KB) so that it hides who is on it',
  statusOutOfRange: 'Cannot check status at {url}: the entry is outside the list',
  statusBudgetExceeded: 'Cannot check status at {url}: checking it took longer than this server allows',
  revokedByIssuer: 'The issuer revoked this credential',
  suspendedByIssuer: 'The issuer suspended this credential',
  statusMessage: 'Status message',
  statusValue: 'Status message: value {value}',
  newerVersion: 'The issuer has a newer version of this credential',
  statusTypesUnchecked: 'Status of type {types} is not checked here',
  // Transcripts (CLR)
  embeddedTooMany:
    'A transcript carries at most {max, number} credentials to verify here; this one has {count, number}',
  embeddedInvalid: 'Credentials in the transcript do not verify',
  embeddedNotAll: 'Credentials in the transcript were not all verified',
  innerIsTranscript: '#{index} is itself a transcript, which is not verified inside another',
  innerOutOfTime: '#{index} and those after it were not checked: the verification ran out of time',
  innerFailed: '#{index} {codes}',
  innerFailedNamed: '#{index} ({name}) {codes}',
  innerNotObject: '#{index} is not an object',
  embeddedUnchecked:
    'The transcript’s own signature does not verify, so the credentials inside were not checked',
  // Open Badges 2.0
  ob2Document:
    '{what, select, badgeClass {The BadgeClass} issuer {The issuer Profile} key {The signing key} hosted {The hosted assertion} revocationList {The revocation list} other {A document}} could not be read',
  ob2DocumentMissing:
    '{what, select, badgeClass {The BadgeClass} issuer {The issuer Profile} key {The signing key} hosted {The hosted assertion} revocationList {The revocation list} other {A document}} is missing',
  ob2DocumentNotObject:
    '{what, select, badgeClass {The BadgeClass} issuer {The issuer Profile} key {The signing key} hosted {The hosted assertion} revocationList {The revocation list} other {A document}} at {url} is not a JSON object',
  ob2KeyByProvidedDocument:
    'The key is the issuer’s by the key document you provided (owner {owner}); the BadgeClass was not fetched',
  ob2SignedNeedsJws: 'A signed assertion must be presented as its JWS',
  ob2NoCreator: 'The assertion names no verification.creator key',
  ob2NoPublicKeyPem: 'The key has no publicKeyPem',
  ob2KeyNotIssuers: 'The key does not belong to the issuer',
  ob2HostedNeedsHttps: 'A hosted assertion needs an https id',
  ob2HostedDiffers: 'The hosted assertion differs from the one presented',
  ob2Revoked: 'The issuer revoked this badge',
  // Presentations
  sendPresentation:
    'Send {open}"verifiablePresentation": {open}"@context": […], "type": "VerifiablePresentation", …{close}{close}',
  presentationTooManyCredentials:
    'The presentation carries {count, number} credentials; at most {max, number} are verified here',
  presentationChallengeUnsigned: 'A challenge was given but the presentation is not signed',
  presentationUnsigned: 'Unsigned presentation',
  presentationTooManyProofs:
    'The presentation carries {count, number} proofs; at most {max, number} are checked',
  aboutPresentationProof: 'The proof: {text}',
  presentationProofNotObject: 'A proof is not an object',
  challengeMismatch: 'The proof was made for another challenge',
  domainMismatch: 'The proof was made for another domain',
  presentationChained: 'Chained proofs (previousProof) are not accepted on presentations',
  holderKeyNotEd25519: 'The holder key is not an Ed25519 key',
  holderKeyRevoked: 'The holder marked key {key} as compromised',
  holderKeyMismatch: 'The presentation names holder {holder}, but key {key} is not theirs',
  // Keys and status lists this server looks up
  noSuchStatusList: 'No such status list',
  statusListPublishing: 'This status list is being published; try again shortly',
  noSuchKey: 'No key with that name is published by this Cairn',
  keyNotPublished: 'No key {key} is published by this Cairn',
  keyNeedsNetwork: 'Resolving {key} would need the network, which is not allowed here',
  fetchNeedsNetwork: 'Fetching {url} would need the network, which is not allowed here',
  fetchNetworkOff: 'Fetching {url} needs the network, which is off here',
} as const;

/**
 * A message of the table, or `reported`: no words of the engine's own, only the quoted text (what a
 * library, or a rule set with its own wording, reported, as it came).
 */
/**
 * Why an Open Badges 2.0 issuer key document handed over with a signed assertion cannot be used
 * (a form error, not a check): the catalogue takes these as `errors.verification.keyDocument.*`.
 */
export const keyDocumentMessages = {
  notObject: 'The issuer key document is not a JSON object',
  keyNeedsIdAndPem: 'A key in the issuer key document needs an id and a publicKeyPem',
  profileWithoutId: 'The issuer profile has no id',
  profileWithoutKey:
    'The issuer profile carries no embedded publicKey: upload the CryptographicKey document itself',
  wrongKind: 'The issuer key document must be an Open Badges 2.0 CryptographicKey or Issuer profile',
} as const;

export type CheckMessageKey = keyof typeof checkMessages | 'reported';

/** The values a check's message carries, each of one type wherever it appears. */
export interface CheckValues {
  /** Field names, as the credential spells them. */
  fields?: string[];
  field?: string;
  count?: number;
  max?: number;
  min?: number;
  /** A date as the credential writes it. */
  date?: string;
  url?: string;
  key?: string;
  issuer?: string;
  holder?: string;
  owner?: string;
  /** Which proof of a set (1-based), and how many the set has. */
  proof?: number;
  proofs?: number;
  /** Which credential inside a transcript (1-based), its name, its failed checks and their codes. */
  index?: number;
  name?: string;
  checks?: string[];
  codes?: string[];
  purpose?: string;
  purposes?: string[];
  expected?: string;
  ids?: string[];
  types?: string[];
  type?: string;
  cryptosuite?: string;
  listId?: string;
  value?: string;
  kind?: 'PNG' | 'SVG';
  step?: 'canonicalization' | 'key' | 'status' | 'verification';
  what?: 'badgeClass' | 'issuer' | 'key' | 'hosted' | 'revocationList';
  /** A code of a nested check (a status list's own proof). */
  code?: string;
  /** The detail worded inside this one ('proofAt'): its key and values. */
  text?: CheckDetail;
}

/** Text the engine did not write, as it came: a library's error (English) or the credential's words. */
export interface QuotedText {
  text: string;
  from: 'library' | 'credential';
}

/** One thing a check says: which message, with its values, and any text quoted as it came. */
export interface CheckDetail {
  key: CheckMessageKey;
  values?: CheckValues;
  quoted?: QuotedText;
}

const formats = new Map<CheckMessageKey, IntlMessageFormat>();
const BRACES = { open: '{', close: '}' };

/** The English of one message with its values (lists joined with commas, a nested detail worded). */
export function checkText(key: CheckMessageKey, values: CheckValues = {}): string {
  if (key === 'reported') return '';
  let format = formats.get(key);
  if (!format) {
    format = new IntlMessageFormat(checkMessages[key], 'en');
    formats.set(key, format);
  }
  const flat: Record<string, string | number> = { ...BRACES };
  for (const [name, value] of Object.entries(values) as [string, unknown][]) {
    if (Array.isArray(value)) flat[name] = value.join(', ');
    else if (typeof value === 'object' && value) flat[name] = detailText(value as CheckDetail);
    else if (typeof value === 'string' || typeof value === 'number') flat[name] = value;
  }
  return String(format.format(flat));
}

/** The English of a detail, with its quoted text after it. */
export function detailText(detail: CheckDetail): string {
  const quoted = detail.quoted;
  if (detail.key === 'reported') return quoted?.text ?? '';
  const own = checkText(detail.key, detail.values);
  if (!quoted) return own;
  return quoted.from === 'library' ? `${own}: ${quoted.text}` : `${own} (“${quoted.text}”)`;
}

/** A detail of one message. */
export const detail = (key: CheckMessageKey, values?: CheckValues, quoted?: QuotedText): CheckDetail => ({
  key,
  ...(values ? { values } : {}),
  ...(quoted ? { quoted } : {}),
});

/** An error's message, kept as a library wrote it. */
export const libraryText = (err: unknown): QuotedText => ({
  text: err instanceof Error ? err.message : String(err),
  from: 'library',
});

/** What a caught error says: the engine's own detail when it carries one, else its text as reported. */
export function detailOf(err: unknown): CheckDetail {
  const own = (err as { detail?: unknown } | null)?.detail;
  if (own && typeof own === 'object' && typeof (own as CheckDetail).key === 'string')
    return own as CheckDetail;
  return detail('reported', undefined, libraryText(err));
}

/** An error that carries the engine's detail (its message is that detail's English). */
export class CheckError extends Error {
  constructor(
    readonly detail: CheckDetail,
    readonly code?: string,
  ) {
    super(detailText(detail));
  }
}
