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
    passed: 'Passed.',
    failed: 'Failed.',
    parse: { title: 'Readable', ok: 'The credential could be read.' },
    data_model: {
      title: 'Verifiable credential',
      ok: 'It follows the W3C Verifiable Credentials data model.',
    },
    schema: {
      title: 'Official format',
      ok: 'It follows the official schema of its kind (Open Badges 3.0 or CLR 2.0).',
    },
    ob3_fields: { title: 'Required fields', ok: 'Every field a badge needs is there.' },
    issuer_key: { title: 'Issuer’s key', ok: 'The signing key was found and belongs to the issuer.' },
    proof: { title: 'Signature', ok: 'The signature matches: nothing was changed since it was issued.' },
    validity_window: { title: 'Dates', ok: 'It is within its valid dates.' },
    status: { title: 'Status', ok: 'The issuer has not revoked or suspended it.' },
    embedded: { title: 'Credentials inside', ok: 'Every credential the transcript carries verifies too.' },
  },
} as const;
