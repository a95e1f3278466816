import { keyDocumentMessages } from '../../../../../credentials/checkMessages.ts';

/**
 * What the credential reader (/verify, the backpack import, the W3C VC API) refuses; `{open}` and `{close}`
 * write braces (ICU reads a bare brace as a placeholder).
 */
export const verification = {
  notJson: 'That is not valid JSON: {reason}.',
  notJsonField: 'Paste the whole credential, from {open} to {close}.',
  notJsonOrJws:
    'Paste a credential as JSON (starting with {open}) or as a compact JWS (three parts separated by dots).',
  notJsonOrJwsField: 'Not JSON and not a JWS.',
  noOwnBadge: 'No badge of this site has that address.',
  checkAddress: 'Check the address.',
  privateBadge:
    'That badge is private: its page says only whether it is valid. To check its details, ask its earner for the credential itself.',
  privateBadgeField: 'A private badge.',
  notAddress: 'That is not a web address.',
  notAddressField: 'Use a full address starting with https://.',
  httpsOnly: 'Only https addresses can be fetched.',
  httpsOnlyField: 'Use an address starting with https://.',
  noFetching:
    'This server does not fetch credentials from other sites; download the credential and upload or paste it instead.',
  noFetchingField: 'Fetching other sites is switched off here.',
  fetchFailed: 'Could not fetch a credential from that address: {reason}.',
  fetchFailedField: 'Could not fetch it.',
  notCredential: 'That address did not return a credential.',
  notCredentialField: 'Not a credential.',
  nothingGiven: 'Paste a credential, choose a badge image or give a URL.',
  nothingGivenField: 'Give one of the three.',
  tooMany: 'Give just one thing to verify: pasted text, a file or a URL.',
  tooManyField: 'Only one, please.',
  fileOver5Mb: 'That file is larger than 5 MB; a badge image is much smaller.',
  unrecognisedFile: 'That file is neither a badge image (PNG or SVG) nor a credential (JSON or JWS).',
  unrecognisedFileField: 'Unrecognised file.',
  tooLarge: 'Too large.',
  sendCredential: 'Send {open}"verifiableCredential": …{close}.',
  issuingToken: 'Send an organisation API token as “Authorization: Bearer cairn_…”.',
  issuerKey: 'The issuer key document cannot be used: {reason}.',
  issuerKeyField: 'An Open Badges 2.0 CryptographicKey or Issuer profile, as JSON.',
  /** Why an issuer key document cannot be used (its English lives beside the credentials engine). */
  keyDocument: keyDocumentMessages,
};
