import type { VerificationReport } from '../../../credentials/verifier.ts';
import { organisationDid } from '../../../credentials/issuerIdentity.ts';
import { DEFAULT_LOCALE, translator, type Translator } from '../../../web/i18n/i18n.ts';

/** English, for callers that speak no reader's language (the default of the functions below). */
const english = (): Translator => translator(DEFAULT_LOCALE);

type Json = Record<string, unknown>;

/** Who a verified credential says issued it, and what of that the checks proved. */
export interface IssuerIdentity {
  /** The name in the document: only the issuer's own word, unless Cairn wrote it from its records. */
  name?: string;
  /** The issuer's identifier (a DID, or an OB 2.0 profile URL). */
  id?: string;
  /** The domain a did:web or a URL identifier is anchored in. */
  domain?: string;
  /** The signature checks out with a key that belongs to `id`. */
  keyVerified: boolean;
  /** `id` is an organisation on this Cairn, which writes the issuer name from the organisation's record. */
  own: boolean;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

/** The domain of a did:web (percent-decoded, e.g. a port) or of an http(s) URL. */
export function identifierDomain(id: string): string | undefined {
  if (id.startsWith('did:web:')) {
    try {
      return decodeURIComponent(id.slice('did:web:'.length).split(':')[0] ?? '') || undefined;
    } catch {
      return undefined;
    }
  }
  if (/^https?:\/\//.test(id)) {
    try {
      return new URL(id).host;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** The issuer of a credential in a verification report (OB 3.0 `issuer`, or OB 2.0 `badge.issuer`). */
export function issuerIdentity(report: VerificationReport, publicUrl: string): IssuerIdentity | null {
  const credential = report.credential;
  if (!credential) return null;
  const subject = (
    Array.isArray(credential.credentialSubject)
      ? credential.credentialSubject[0]
      : credential.credentialSubject
  ) as Json | undefined;
  const achievement = (subject?.achievement ?? credential.badge) as Json | undefined;
  const issuer = credential.issuer ?? achievement?.issuer;
  const name = issuer && typeof issuer === 'object' ? str((issuer as Json).name) : undefined;
  const id =
    typeof issuer === 'string'
      ? str(issuer)
      : issuer && typeof issuer === 'object'
        ? str((issuer as Json).id)
        : undefined;
  if (!name && !id) return null;
  const passed = (check: string) => report.checks.some((x) => x.id === check && x.ok);
  const ownPrefix = organisationDid(publicUrl, 'x').slice(0, -1);
  return {
    name,
    id,
    domain: id ? identifierDomain(id) : undefined,
    keyVerified: Boolean(id) && passed('issuer_key') && passed('proof'),
    own: Boolean(id?.startsWith(ownPrefix)),
  };
}

/** The identifier and what was proved of it: ["did:web:…", "domain example.org", "verified key"]. */
export function identifierWords(issuer: IssuerIdentity, { t }: Pick<Translator, 't'> = english()): string[] {
  if (!issuer.id) return [t('issuing.issuer.noIdentifier')];
  return [
    issuer.id,
    ...(issuer.domain && !issuer.own ? [t('issuing.issuer.domain', { domain: issuer.domain })] : []),
    issuer.keyVerified ? t('issuing.issuer.verifiedKey') : t('issuing.issuer.keyNotVerified'),
  ];
}

/** What the identifier adds beside a name: "did:web:… (domain example.org, verified key)". */
export function identifierNote(issuer: IssuerIdentity, i18n: Pick<Translator, 't'> = english()): string {
  const [first = '', ...rest] = identifierWords(issuer, i18n);
  return rest.length ? `${first} (${rest.join(', ')})` : `(${first})`;
}

/**
 * The issuer in one line, so a name alone never stands for an issuer: the name, marked as the
 * issuer's own statement unless this Cairn wrote it from its records and the key proves it, and
 * beside it the identifier the signature was checked against. In English unless a translator is given.
 */
export function issuerLine(issuer: IssuerIdentity, i18n: Pick<Translator, 't'> = english()): string {
  const name = issuer.name
    ? issuer.own && issuer.keyVerified
      ? issuer.name
      : i18n.t('issuing.issuer.asStated', { name: issuer.name })
    : undefined;
  const note = identifierNote(issuer, i18n);
  return name ? `${name} — ${note}` : note;
}
