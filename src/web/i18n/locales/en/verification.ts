import { checkMessages } from '../../../../credentials/checkMessages.ts';

/** /verify: the form and the report of a verification, in plain words. */
export const verification = {
  title: 'Verify a badge',
  intro:
    'Check any Open Badge (3.0 or 2.0) or W3C Verifiable Credential, from this site or any other issuer: paste it, upload the baked image, or give its address. Every check is explained.',
  form: {
    file: 'Or upload a badge image (PNG or SVG) or credential file',
    url: 'Or give its address (URL)',
    urlHint: 'A badge page of this site, or an https address of a hosted credential.',
    submit: 'Verify',
    issuerKeySummary: 'Open Badges 2.0 signed badge: add the issuer’s key document',
    issuerKeyHint:
      'A signed Open Badges 2.0 badge names its issuer’s key by URL. Paste or upload that key document (the CryptographicKey, or the issuer profile with its public key) to check the signature without fetching it.',
    issuerKey: 'Issuer key document (JSON)',
    issuerKeyFile: 'Or upload the issuer key document',
  },
  result: {
    heading: 'Result',
    passed: 'Every check passed.',
    failed: 'At least one check failed; see below.',
    readFrom: 'Read from {source}.',
    readFromWithProof: 'Read from {source} ({proof}).',
    genericVc:
      'Verifiable credential (not an Open Badge): it was checked as a W3C Verifiable Credential; the Open Badges checks do not apply to it.',
  },
  verdict: {
    valid: 'Valid',
    revoked: 'Revoked',
    suspended: 'Suspended',
    expired: 'Expired',
    failed: 'Not verified',
  },
  formats: {
    json: 'pasted JSON',
    jws: 'a compact JWS (VC-JWT)',
    png: 'a baked PNG image',
    svg: 'a baked SVG image',
    url: 'a URL',
  },
  proofs: { ob2: 'Open Badges 2.0', jwt: 'VC-JWT', ldp: 'Data Integrity proof' },
  summary: {
    achievement: 'Achievement',
    issuer: 'Issuer',
    recipient: 'Recipient',
    validFrom: 'Valid from',
    validUntil: 'Valid until',
    id: 'Credential id',
  },
  recipient: {
    named: '{name}, named in the signed credential',
    namedWithId: '{name}, named in the signed credential; {who}',
    unnamed:
      '{who}. The credential names no one: a name shown beside the badge (for example on its badge page) comes from that site, not from the signed credential.',
    hashed: 'identified by a hashed identifier (such as an email address)',
  },
  checks: {
    technicalDetail: 'Technical detail',
    issuerSays: 'In the issuer’s words: “{text}”',
    /** One thing the verifier says about a check, as a sentence. */
    sentence: '{text}.',
    passed: 'Passed.',
    failed: 'Failed.',
    parse: {
      title: 'Readable',
      ok: 'The credential could be read.',
      failed: 'The credential could not be read.',
    },
    data_model: {
      title: 'Verifiable credential',
      ok: 'It follows the W3C Verifiable Credentials data model.',
      failed: 'It does not follow the W3C Verifiable Credentials data model.',
    },
    schema: {
      title: 'Official format',
      ok: 'It follows the official schema of its kind (Open Badges 3.0 or CLR 2.0).',
      failed: 'It does not follow the official schema of its kind.',
    },
    ob3_fields: {
      title: 'Required fields',
      ok: 'Every field a badge needs is there.',
      failed: 'A field every badge needs is missing.',
    },
    issuer_key: {
      title: 'Issuer’s key',
      ok: 'The signing key was found and belongs to the issuer.',
      failed: 'The signing key could not be found, or does not belong to the issuer.',
    },
    proof: {
      title: 'Signature',
      ok: 'The signature matches: nothing was changed since it was issued.',
      failed: 'The signature does not hold.',
    },
    validity_window: {
      title: 'Dates',
      ok: 'It is within its valid dates.',
      failed: 'It is outside its valid dates.',
    },
    status: {
      title: 'Status',
      ok: 'The issuer has not revoked or suspended it.',
      failed: 'Its status could not be confirmed, or the issuer revoked or suspended it.',
    },
    embedded: {
      title: 'Credentials inside',
      ok: 'Every credential the transcript carries verifies too.',
      failed: 'Not every credential the transcript carries verifies.',
    },
  },
  /** A check's outcome by the verifier's code (src/credentials: Check.code). */
  checkCodes: {
    parse_failed: 'It is not a credential this verifier can read.',
    too_large: 'It is far larger than any credential, so it was not checked.',
    too_deep: 'It is nested far deeper than any credential, so it was not checked.',
    jsonld_invalid: 'It is not well-formed JSON-LD.',
    schema_invalid: 'It breaks rules of the official schema.',
    field_missing: 'Fields a badge needs are missing.',
    key_unresolved: 'The key that signed it could not be found.',
    key_revoked: 'The issuer marked the signing key as compromised.',
    issuer_mismatch: 'It is signed with a key that does not belong to its issuer.',
    unsupported_key_type: 'It is signed with a kind of key this verifier does not check.',
    holder_missing: 'It has no signature of its own, and the presentation does not name its holder.',
    holder_mismatch: 'It has no signature of its own, and its issuer is not the holder who presents it.',
    proof_missing: 'It carries no signature.',
    proof_malformed: 'Its signature is malformed.',
    proof_invalid: 'The signature does not match: it was changed after signing, or signed with another key.',
    proof_unverifiable: 'There is no key to check the signature with.',
    proof_expired: 'Its signature has expired.',
    proof_purpose_mismatch: 'Its signature was made for another purpose.',
    proof_chain_broken: 'Its chain of signatures is broken.',
    too_many_proofs: 'It carries more signatures than are checked here.',
    verification_budget_exceeded: 'Checking it took more work than is allowed here, so it was not finished.',
    expired: 'It has expired.',
    not_yet_valid: 'It is not valid yet.',
    invalid_date: 'One of its dates is not a valid date and time.',
    revoked: 'The issuer revoked it.',
    suspended: 'The issuer suspended it.',
    status_malformed: 'Its status information is malformed.',
    status_unavailable: 'Its status could not be checked.',
    related_resource_digest_mismatch: 'A file it refers to has changed since it was issued.',
    embedded_invalid: 'Some credentials inside the transcript do not verify.',
    embedded_too_many: 'The transcript carries more credentials than are checked here.',
    embedded_unchecked:
      'The transcript’s own signature does not hold, so the credentials inside were not checked.',
    self_asserted:
      'Self-asserted: its holder issued it and secures it with the signature on the presentation.',
    status_notes: 'The issuer says more about its status.',
    status_unverifiable: 'Its status list could not be trusted, so its status is unknown.',
    status_list_too_short: 'Its status list is too short to hide who is on it.',
    status_out_of_range: 'Its status entry points outside its status list.',
    challenge_mismatch: 'The presentation was signed for another challenge.',
    domain_mismatch: 'The presentation was signed for another domain.',
  },
  /**
   * What a check says in detail, by the verifier's message key (src/credentials/checkMessages.ts):
   * the verifier's own English, which the VC API answers with too.
   */
  checkDetails: checkMessages,
} as const;
