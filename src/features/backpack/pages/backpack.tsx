import { CopyField, PageScriptTag } from '../../../web/pageScripts.tsx';
import { Hono, type Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { AppError } from '../../../domain/errors.ts';
import { requireViewer } from '../../../http/middleware/session.ts';
import type { AppEnv } from '../../../http/env.ts';
import { bakePng, bakeSvg } from '../../../credentials/baking/index.ts';
import { defaultBadgeSvg, renderPng } from '../../../credentials/badgeImage.ts';
import { credentialArtwork } from '../../catalog/index.ts';
import { decideClaim } from '../../issuing/index.ts';
import {
  importBadge,
  importedBadgesOf,
  importedFile,
  issuedBadgesOf,
  ownImportedBadge,
  removeImported,
  reverifyImported,
  setBadgePrivacy,
  setBadgeNameShown,
  type IssuedBadge,
} from '../commands/backpack.ts';
import {
  addToCollection,
  collectionItems,
  collectionsOf,
  createCollection,
  deleteCollection,
  moveInCollection,
  ownCollection,
  removeFromCollection,
  shareCollection,
  sharedCollection,
  updateCollection,
  type CollectionItem,
} from '../commands/collections.ts';
import type { Queryable } from '../../../storage/database.ts';
import {
  ActionButton,
  CsrfField,
  ErrorSummary,
  Field,
  emptyForm,
  type FormState,
} from '../../../web/forms.tsx';
import { formFields, handleForm, page, redirectWith } from '../../../web/render.tsx';
import { CredentialInputForm } from '../../issuing/index.ts';
import { zipStream, type ZipEntry } from '../../../web/zip.ts';
import { connectionsSection } from '../../ob3api/index.ts';

type C = Context<AppEnv>;

const STATUS_STYLE: Record<string, string> = {
  valid: 'background:#e8f5ec',
  revoked: 'background:#fbeaea',
  suspended: 'background:#fff4d6',
  expired: 'background:#eee',
  failed: 'background:#fbeaea',
};
const STATUS_TEXT: Record<string, string> = {
  valid: 'Valid',
  revoked: 'Revoked',
  suspended: 'Suspended',
  expired: 'Expired',
  failed: 'Not verified',
};

function StatusChip({ status }: { status: string }) {
  return (
    <span class="tag" style={STATUS_STYLE[status]} data-status={status}>
      {STATUS_TEXT[status] ?? status}
    </span>
  );
}

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : '');
const slugOf = (s: string) =>
  s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40) || 'badge';

function ImportForm({ form, csrf }: { form: FormState; csrf: string }) {
  return (
    <section class="card" aria-labelledby="h-import">
      <h2 id="h-import">Import a badge</h2>
      <p class="muted">
        Open Badges 3.0 or 2.0 from any platform. Give one of: the credential pasted as JSON or a compact JWS,
        a baked PNG or SVG badge image, or its https address. Cairn verifies it and labels it with the result.
      </p>
      <CredentialInputForm
        form={form}
        csrf={csrf}
        action="/backpack/import"
        fileLabel="or upload a badge file (baked PNG or SVG, or a .json / .jwt file)"
        urlLabel="or its address (https://…)"
        urlHint="Fetching from other sites may be turned off on this Cairn."
        submitLabel="Import and verify"
      />
    </section>
  );
}

function IssuedRow({
  b,
  csrf,
  collections,
}: {
  b: IssuedBadge;
  csrf: string;
  collections: Array<{ public_id: string; name: string }>;
}) {
  return (
    <li class="card" id={`badge-${b.publicId}`}>
      <img src={`/badges/${b.publicId}/baked.png`} alt="" width="64" height="64" style="float:right" />
      <h3>
        <a href={`/badges/${b.publicId}`}>{b.name}</a>
      </h3>
      <p>
        <StatusChip status={b.status} /> Issued by {b.issuerName} here on {day(b.issuedAt)}
        {b.validUntil ? `, valid until ${day(b.validUntil)}` : ''}.{' '}
        {b.private ? <span class="tag">Private</span> : <span class="tag">Public page</span>}
        {!b.private && <span class="tag">{b.showName ? 'Your name shown' : 'Your name hidden'}</span>}
      </p>
      <p>
        {b.private ? (
          <ActionButton
            action={`/backpack/badges/${b.publicId}/privacy`}
            csrfToken={csrf}
            label="Make public"
            variant="secondary"
            hidden={{ private: 'false' }}
          />
        ) : (
          <ActionButton
            action={`/backpack/badges/${b.publicId}/privacy`}
            csrfToken={csrf}
            label="Make private"
            variant="secondary"
            hidden={{ private: 'true' }}
          />
        )}{' '}
        {!b.private &&
          (b.showName ? (
            <ActionButton
              action={`/backpack/badges/${b.publicId}/name`}
              csrfToken={csrf}
              label="Hide my name on its page"
              variant="secondary"
              hidden={{ show: 'false' }}
            />
          ) : (
            <ActionButton
              action={`/backpack/badges/${b.publicId}/name`}
              csrfToken={csrf}
              label="Show my name on its page"
              variant="secondary"
              hidden={{ show: 'true' }}
            />
          ))}{' '}
        Download:{' '}
        <a href={`/badges/${b.publicId}/credential.json`} download={`${b.publicId}.json`}>
          JSON
        </a>
        {b.hasJwt && (
          <>
            {' · '}
            <a href={`/badges/${b.publicId}/credential.jwt`} download={`${b.publicId}.jwt`}>
              JWS
            </a>
          </>
        )}
        {' · '}
        <a href={`/badges/${b.publicId}/baked.png`} download={`${b.publicId}.png`}>
          baked PNG
        </a>{' '}
        ·{' '}
        <a href={`/badges/${b.publicId}/baked.svg`} download={`${b.publicId}.svg`}>
          baked SVG
        </a>{' '}
        ·{' '}
        <a href={`/ob2/assertions/${b.publicId}/baked.png`} download={`${b.publicId}-ob2.png`}>
          Download for older backpacks (Open Badges 2.0)
        </a>
      </p>
      <AddToCollection badge={b.publicId} csrf={csrf} collections={collections} />
    </li>
  );
}

function AddToCollection({
  badge,
  csrf,
  collections,
}: {
  badge: string;
  csrf: string;
  collections: Array<{ public_id: string; name: string }>;
}) {
  if (!collections.length) return null;
  return (
    <form method="post" action="/backpack/collections/add" class="inline">
      <CsrfField token={csrf} />
      <input type="hidden" name="badge" value={badge} />
      <label for={`col-${badge}`}>Add to collection</label>{' '}
      <select id={`col-${badge}`} name="collection" style="width:auto;display:inline-block">
        {collections.map((c) => (
          <option value={c.public_id}>{c.name}</option>
        ))}
      </select>{' '}
      <button type="submit" class="secondary">
        Add
      </button>
    </form>
  );
}

async function backpackPage(c: C, form: FormState = emptyForm, status: ContentfulStatusCode = 200) {
  const viewer = requireViewer(c.var.viewer);
  const { db, clock } = c.var.deps;
  const now = clock.now();
  const [issued, imported, collections] = await Promise.all([
    issuedBadgesOf(db, viewer.user_id, now),
    importedBadgesOf(db, viewer.user_id),
    collectionsOf(db, viewer.user_id),
  ]);
  const csrf = c.var.csrfToken;
  const pending = issued.filter((b) => b.claim === 'pending');
  const held = issued.filter((b) => b.claim === 'accepted' || b.claim === null);
  const declined = issued.filter((b) => b.claim === 'declined');
  const otherBackpacks = await connectionsSection(c);
  return page(
    c,
    'Your backpack',
    <>
      <h1>Your backpack</h1>
      <p>
        Every badge you hold: issued here or imported from elsewhere.{' '}
        <a href="/backpack/collections">Collections</a> ({collections.length}) ·{' '}
        <a href="/backpack/export.zip">Download everything (ZIP)</a>
      </p>
      {pending.length > 0 && (
        <section class="card" aria-labelledby="h-pending">
          <h2 id="h-pending">Waiting for you to accept</h2>
          <ul style="list-style:none;padding:0">
            {pending.map((b) => (
              <li id={`badge-${b.publicId}`}>
                <strong>{b.name}</strong> from {b.issuerName}, sent to {b.recipientEmail} on {day(b.issuedAt)}{' '}
                <StatusChip status={b.status} />{' '}
                <ActionButton
                  action={`/backpack/badges/${b.publicId}/accept`}
                  csrfToken={csrf}
                  label="Accept"
                />{' '}
                <ActionButton
                  action={`/backpack/badges/${b.publicId}/decline`}
                  csrfToken={csrf}
                  label="Decline"
                  variant="secondary"
                />
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="h-badges">
        <h2 id="h-badges">Your badges ({held.length + imported.length})</h2>
        {held.length + imported.length === 0 && (
          <p class="muted">
            No badges yet. Badges sent to your confirmed addresses appear here; you can also import badges
            from other platforms below.
          </p>
        )}
        <ul style="list-style:none;padding:0">
          {held.map((b) => (
            <IssuedRow b={b} csrf={csrf} collections={collections} />
          ))}
          {imported.map((b) => (
            <li class="card" id={`badge-${b.public_id}`}>
              {(b.format === 'png' || b.format === 'svg') && (
                <img
                  src={`/backpack/imported/${b.public_id}/image`}
                  alt=""
                  width="64"
                  height="64"
                  style="float:right"
                />
              )}
              {b.image_url && b.format !== 'png' && b.format !== 'svg' && (
                <img src={b.image_url} alt="" width="64" height="64" style="float:right" />
              )}
              <h3>{b.name}</h3>
              <p>
                <StatusChip status={b.status} />{' '}
                {b.issuer_name ? `Issued by ${b.issuer_name}` : 'Issuer unknown'}
                {b.issued_on ? ` on ${day(b.issued_on)}` : ''}. Imported ({b.format.toUpperCase()}
                {b.source_url ? ` from ${b.source_url}` : ''}) —{' '}
                {b.verified
                  ? 'verified'
                  : b.status === 'failed'
                    ? `verification failed: ${b.failure_reason ?? 'unknown reason'}`
                    : `signature verified; ${b.failure_reason ?? ''}`}{' '}
                <span class="muted">
                  (checked {b.checked_at.toISOString().replace('T', ' ').slice(0, 16)} UTC)
                </span>
              </p>
              <p>
                <ActionButton
                  action={`/backpack/imported/${b.public_id}/reverify`}
                  csrfToken={csrf}
                  label="Verify again"
                  variant="secondary"
                />{' '}
                <a href={`/backpack/imported/${b.public_id}/download`}>Download original</a>
                {b.format !== 'png' && b.format !== 'svg' && b.report_format !== 'ob2' && (
                  <>
                    {' · '}
                    <a href={`/backpack/imported/${b.public_id}/baked.png`}>baked PNG</a> ·{' '}
                    <a href={`/backpack/imported/${b.public_id}/baked.svg`}>baked SVG</a>
                  </>
                )}{' '}
                <ActionButton
                  action={`/backpack/imported/${b.public_id}/remove`}
                  csrfToken={csrf}
                  label="Remove"
                  variant="danger"
                />
              </p>
              <AddToCollection badge={b.public_id} csrf={csrf} collections={collections} />
            </li>
          ))}
        </ul>
      </section>
      {declined.length > 0 && (
        <section class="card" aria-labelledby="h-declined">
          <h2 id="h-declined">Declined</h2>
          <ul>
            {declined.map((b) => (
              <li>
                {b.name} from {b.issuerName} ({day(b.issuedAt)})
              </li>
            ))}
          </ul>
        </section>
      )}
      <ImportForm form={form} csrf={csrf} />
      {otherBackpacks}
    </>,
    status,
  );
}

function CollectionItemView({
  item,
  base,
  token,
}: {
  item: CollectionItem;
  base: 'owner' | 'public';
  token?: string;
}) {
  if (item.kind === 'issued') {
    return (
      <>
        <img src={`/badges/${item.publicId}/baked.png`} alt="" width="64" height="64" style="float:right" />
        <h3>
          <a href={`/badges/${item.publicId}`}>{item.name}</a>
        </h3>
        <p>
          <StatusChip status={item.status} /> Issued by {item.issuerName} on {day(item.issuedOn)}.
          {base === 'owner' && item.private ? ' Private: hidden from the shared link.' : ''}
        </p>
      </>
    );
  }
  const prefix =
    base === 'public' ? `/c/${token}/imported/${item.publicId}` : `/backpack/imported/${item.publicId}`;
  return (
    <>
      {item.hasImage && <img src={`${prefix}/image`} alt="" width="64" height="64" style="float:right" />}
      {!item.hasImage && item.imageUrl && (
        <img src={item.imageUrl} alt="" width="64" height="64" style="float:right" />
      )}
      <h3>{item.name}</h3>
      <p>
        <StatusChip status={item.status} />{' '}
        {item.issuerName ? `Issued by ${item.issuerName}` : 'Issuer unknown'}
        {item.issuedOn ? ` on ${day(item.issuedOn)}` : ''}. Imported from another platform;{' '}
        {item.status === 'valid'
          ? 'verified'
          : item.status === 'failed'
            ? `not verified: ${item.reason ?? ''}`
            : `signature verified; ${item.reason ?? ''}`}{' '}
        on {day(item.checkedAt)}.{' '}
        <a href={base === 'public' ? prefix : `${prefix}/download`}>Download the credential</a>
      </p>
    </>
  );
}

async function collectionsPage(c: C, form: FormState = emptyForm, status: ContentfulStatusCode = 200) {
  const viewer = requireViewer(c.var.viewer);
  const rows = await collectionsOf(c.var.deps.db, viewer.user_id);
  return page(
    c,
    'Your collections',
    <>
      <p>
        <a href="/backpack">← Backpack</a>
      </p>
      <h1>Your collections</h1>
      {rows.length === 0 && (
        <p class="muted">
          No collections yet. A collection groups badges (say, for a job application) and can be shared by a
          link.
        </p>
      )}
      <ul>
        {rows.map((r) => (
          <li>
            <a href={`/backpack/collections/${r.public_id}`}>{r.name}</a> — {Number(r.items)} badge
            {Number(r.items) === 1 ? '' : 's'}
            {r.shared
              ? ` · shared by link${r.shared_at ? ` since ${day(r.shared_at)}` : ''}`
              : ' · not shared'}
          </li>
        ))}
      </ul>
      <section class="card" aria-labelledby="h-new">
        <h2 id="h-new">New collection</h2>
        <ErrorSummary form={form} />
        <form method="post" action="/backpack/collections" class="stack" novalidate>
          <CsrfField token={c.var.csrfToken} />
          <Field form={form} name="name" label="Name" required />
          <Field form={form} name="description" label="Description (optional)" />
          <button type="submit">Create collection</button>
        </form>
      </section>
    </>,
    status,
  );
}

/**
 * One collection. Only a hash of its share link is stored, so the link itself is shown once, on
 * the page the share button returns (`newToken`); later the owner can make a new link.
 */
async function collectionPage(
  c: C,
  form: FormState = emptyForm,
  status: ContentfulStatusCode = 200,
  newToken: string | null = null,
) {
  const viewer = requireViewer(c.var.viewer);
  const { db, clock, config } = c.var.deps;
  const collection = await ownCollection(db, viewer.user_id, c.req.param('id') ?? '');
  const items = await collectionItems(db, collection, clock.now(), { forPublic: false });
  const csrf = c.var.csrfToken;
  const base = `/backpack/collections/${collection.public_id}`;
  const link = collection.shared && newToken ? `${config.publicUrl}/c/${newToken}` : null;
  return page(
    c,
    collection.name,
    <>
      <p>
        <a href="/backpack/collections">← Collections</a>
      </p>
      <h1>{collection.name}</h1>
      {collection.description && <p>{collection.description}</p>}
      <section class="card" aria-labelledby="h-share">
        <h2 id="h-share">Sharing</h2>
        {link ? (
          <>
            <p role="status">
              Anyone with this link sees the public badges of this collection and their status:{' '}
              <a href={link}>{link}</a>
            </p>
            <CopyField
              id="share-link"
              label="Copy the link now: for your privacy it is shown only this once."
              value={link}
            />
            <ActionButton action={`${base}/unshare`} csrfToken={csrf} label="Stop sharing" variant="danger" />
          </>
        ) : collection.shared ? (
          <>
            <p>
              Shared by a secret link{collection.shared_at ? ` since ${day(collection.shared_at)}` : ''}. The
              link is shown only once, when it is made, because Cairn keeps only a fingerprint of it. Lost it?
              Make a new link: the old one stops working.
            </p>
            <ActionButton
              action={`${base}/share`}
              csrfToken={csrf}
              label="Make a new link"
              variant="secondary"
            />{' '}
            <ActionButton action={`${base}/unshare`} csrfToken={csrf} label="Stop sharing" variant="danger" />
          </>
        ) : (
          <>
            <p>Not shared. Sharing makes a secret link; stopping sharing makes the link stop working.</p>
            <ActionButton action={`${base}/share`} csrfToken={csrf} label="Share by link" />
          </>
        )}
      </section>
      <h2>Badges ({items.length})</h2>
      {items.length === 0 && (
        <p class="muted">
          Empty. Add badges from your <a href="/backpack">backpack</a>.
        </p>
      )}
      <ol style="list-style:none;padding:0">
        {items.map((item, i) => (
          <li class="card">
            <CollectionItemView item={item} base="owner" />
            <p>
              {i > 0 && (
                <ActionButton
                  action={`${base}/items/${item.itemId}/move`}
                  csrfToken={csrf}
                  label="Move up"
                  variant="secondary"
                  hidden={{ direction: 'up' }}
                />
              )}{' '}
              {i < items.length - 1 && (
                <ActionButton
                  action={`${base}/items/${item.itemId}/move`}
                  csrfToken={csrf}
                  label="Move down"
                  variant="secondary"
                  hidden={{ direction: 'down' }}
                />
              )}{' '}
              <ActionButton
                action={`${base}/items/${item.itemId}/remove`}
                csrfToken={csrf}
                label="Remove from collection"
                variant="secondary"
              />
            </p>
          </li>
        ))}
      </ol>
      <section class="card" aria-labelledby="h-edit">
        <h2 id="h-edit">Edit</h2>
        <ErrorSummary form={form} />
        <form method="post" action={base} class="stack" novalidate>
          <CsrfField token={csrf} />
          <Field form={form} name="name" label="Name" value={collection.name} required />
          <Field form={form} name="description" label="Description" value={collection.description} />
          <button type="submit">Save</button>
        </form>
        <p>
          <ActionButton
            action={`${base}/delete`}
            csrfToken={csrf}
            label="Delete collection"
            variant="danger"
          />
        </p>
      </section>
    </>,
    status,
    link ? <PageScriptTag name="copy.js" /> : undefined,
  );
}

/** Everything the earner holds as one ZIP: each badge's credential, JWS, baked images, and a manifest. */
async function* exportEntries(
  db: Queryable,
  userId: number,
  now: Date,
  publicUrl: string,
): AsyncGenerator<ZipEntry> {
  const issued = (await issuedBadgesOf(db, userId, now)).filter((b) => b.claim !== 'declined');
  const imported = await importedBadgesOf(db, userId);
  const manifest: unknown[] = [];
  for (const b of issued) {
    const row = await db
      .selectFrom('credentials')
      .select(['document', 'jwt'])
      .where('id', '=', b.id)
      .executeTakeFirstOrThrow();
    const dir = `${slugOf(b.name)}-${b.publicId}`;
    const art = await credentialArtwork(db, b.id, b.name, b.issuerName);
    yield { name: `${dir}/credential.json`, data: row.document };
    if (row.jwt) yield { name: `${dir}/credential.jwt`, data: row.jwt };
    yield { name: `${dir}/baked.png`, data: bakePng(art.png, row.document) };
    yield {
      name: `${dir}/baked.svg`,
      data: bakeSvg(art.svg, row.document, { verifyUrl: `${publicUrl}/badges/${b.publicId}` }),
    };
    manifest.push({
      id: b.publicId,
      source: 'issued',
      name: b.name,
      issuer: b.issuerName,
      issuedAt: b.issuedAt.toISOString(),
      status: b.status,
      claim: b.claim,
      private: b.private,
      page: `${publicUrl}/badges/${b.publicId}`,
      folder: dir,
    });
  }
  for (const b of imported) {
    const row = await db
      .selectFrom('imported_credentials')
      .select(['format', 'original_text', 'original_bytes', 'report'])
      .where('id', '=', b.id)
      .executeTakeFirstOrThrow();
    const dir = `imported/${slugOf(b.name)}-${b.public_id}`;
    const file = importedFile(row);
    yield { name: `${dir}/${file.filename}`, data: file.body };
    yield { name: `${dir}/verification.json`, data: row.report };
    manifest.push({
      id: b.public_id,
      source: 'imported',
      format: b.format,
      sourceUrl: b.source_url,
      name: b.name,
      issuer: b.issuer_name,
      issuedOn: b.issued_on?.toISOString() ?? null,
      status: b.status,
      verified: b.verified,
      reason: b.failure_reason,
      checkedAt: b.checked_at.toISOString(),
      folder: dir,
    });
  }
  yield {
    name: 'manifest.json',
    data: JSON.stringify({ exportedAt: now.toISOString(), from: publicUrl, badges: manifest }, null, 2),
  };
}

/** An OB 3.0 import kept as text (JSON or VC-JWT) can be baked; images already are, and OB 2.0 uses other keys. */
function bakeable(row: { format: string; original_text: string | null; report: string }): boolean {
  return (
    ['json', 'jws', 'url'].includes(row.format) &&
    row.original_text !== null &&
    (JSON.parse(row.report) as { format?: string }).format !== 'ob2'
  );
}

function sendImported(
  c: C,
  row: { format: string; original_text: string | null; original_bytes: Uint8Array | null },
  disposition: 'inline' | 'attachment',
) {
  const file = importedFile(row);
  // An SVG from elsewhere is shown as an image only, never as a document that could run script.
  c.header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:");
  c.header('X-Content-Type-Options', 'nosniff');
  c.header('Content-Disposition', `${disposition}; filename="${file.filename}"`);
  return c.body(typeof file.body === 'string' ? file.body : Buffer.from(file.body), 200, {
    'Content-Type': file.contentType,
  });
}

/** The earner's backpack, collections and the public pages of shared collections. */
export function backpackRoutes() {
  const r = new Hono<AppEnv>();
  const actor = (c: C) => ({ userId: requireViewer(c.var.viewer).user_id, ip: c.var.ip });

  r.get('/backpack', (c) => backpackPage(c));

  r.post('/backpack/import', async (c) => {
    const body = await c.req.parseBody();
    const file =
      body.file instanceof File && body.file.size > 0
        ? { name: body.file.name, bytes: new Uint8Array(await body.file.arrayBuffer()) }
        : undefined;
    const fields = {
      text: typeof body.text === 'string' ? body.text : '',
      url: typeof body.url === 'string' ? body.url : '',
    };
    return handleForm(
      c,
      fields,
      async () => {
        const result = await importBadge(c.var.deps, actor(c), { ...fields, file });
        const text =
          result.status === 'valid'
            ? 'Imported and verified.'
            : result.status === 'failed'
              ? `Imported, but it did not verify: ${result.reason ?? ''}`
              : `Imported; it verifies as ${STATUS_TEXT[result.status]?.toLowerCase() ?? result.status}: ${result.reason ?? ''}`;
        return redirectWith(
          c,
          `/backpack#badge-${result.publicId}`,
          result.status === 'valid' ? 'success' : 'info',
          text,
        );
      },
      (form, status) => backpackPage(c, form, status),
    );
  });

  r.post('/backpack/badges/:id/privacy', async (c) => {
    const fields = await formFields(c);
    const makePrivate = fields.private === 'true';
    await setBadgePrivacy(c.var.deps, actor(c), c.req.param('id'), makePrivate);
    return redirectWith(
      c,
      `/backpack#badge-${c.req.param('id')}`,
      'success',
      makePrivate
        ? 'The badge is private: its page now says only whether it is valid.'
        : 'The badge’s page is public again.',
    );
  });

  r.post('/backpack/badges/:id/name', async (c) => {
    const fields = await formFields(c);
    const show = fields.show !== 'false';
    await setBadgeNameShown(c.var.deps, actor(c), c.req.param('id'), show);
    return redirectWith(
      c,
      `/backpack#badge-${c.req.param('id')}`,
      'success',
      show
        ? 'The badge’s page says it was issued to you, by name.'
        : 'The badge’s page no longer shows your name.',
    );
  });

  for (const decision of ['accept', 'decline'] as const) {
    r.post(`/backpack/badges/:id/${decision}`, async (c) => {
      try {
        const claim = await decideClaim(c.var.deps, actor(c), c.req.param('id'), decision);
        return redirectWith(
          c,
          '/backpack',
          decision === 'accept' ? 'success' : 'info',
          decision === 'accept' ? `You accepted ${claim.badgeName}.` : `You declined ${claim.badgeName}.`,
        );
      } catch (err) {
        if (err instanceof AppError && err.code === 'conflict')
          return redirectWith(c, '/backpack', 'error', err.message);
        throw err;
      }
    });
  }

  r.post('/backpack/imported/:id/reverify', async (c) => {
    const result = await reverifyImported(c.var.deps, actor(c), c.req.param('id'));
    return redirectWith(
      c,
      `/backpack#badge-${c.req.param('id')}`,
      result.status === 'valid' ? 'success' : 'info',
      result.status === 'valid'
        ? 'Verified again: valid.'
        : `Verified again: ${STATUS_TEXT[result.status]?.toLowerCase() ?? result.status}. ${result.reason ?? ''}`,
    );
  });
  r.post('/backpack/imported/:id/remove', async (c) => {
    await removeImported(c.var.deps, actor(c), c.req.param('id'));
    return redirectWith(c, '/backpack', 'success', 'The imported badge is removed from your backpack.');
  });
  r.get('/backpack/imported/:id/download', async (c) => {
    const row = await ownImportedBadge(c.var.deps.db, requireViewer(c.var.viewer).user_id, c.req.param('id'));
    return sendImported(c, row, 'attachment');
  });
  // An imported Open Badges 3.0 credential (JSON or VC-JWT) baked into a plain badge image, for sites that take images.
  for (const ext of ['png', 'svg'] as const) {
    r.get(`/backpack/imported/:id/baked.${ext}`, async (c) => {
      const row = await ownImportedBadge(
        c.var.deps.db,
        requireViewer(c.var.viewer).user_id,
        c.req.param('id'),
      );
      if (!bakeable(row))
        throw new AppError(
          'not_found',
          'That badge cannot be baked into an image (it is an image already, or Open Badges 2.0).',
        );
      const svg = defaultBadgeSvg(row.name, row.issuer_name ?? '');
      c.header('Content-Disposition', `attachment; filename="${slugOf(row.name)}.${ext}"`);
      if (ext === 'png')
        return c.body(Buffer.from(bakePng(renderPng(svg), row.original_text!)), 200, {
          'Content-Type': 'image/png',
        });
      c.header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:");
      return c.body(bakeSvg(svg, row.original_text!), 200, { 'Content-Type': 'image/svg+xml' });
    });
  }
  r.get('/backpack/imported/:id/image', async (c) => {
    const row = await ownImportedBadge(c.var.deps.db, requireViewer(c.var.viewer).user_id, c.req.param('id'));
    if (row.format !== 'png' && row.format !== 'svg')
      throw new AppError('not_found', 'That badge has no image.');
    return sendImported(c, row, 'inline');
  });

  r.get('/backpack/export.zip', (c) => {
    const viewer = requireViewer(c.var.viewer);
    const { db, clock, config } = c.var.deps;
    const now = clock.now();
    const stream = zipStream(exportEntries(db, viewer.user_id, now, config.publicUrl), { defaultDate: now });
    return c.body(stream, 200, {
      'Content-Type': 'application/zip',
      'Content-Disposition': `attachment; filename="cairn-backpack-${day(now)}.zip"`,
      'Cache-Control': 'no-store',
    });
  });

  // Collections
  r.get('/backpack/collections', (c) => collectionsPage(c));
  r.post('/backpack/collections', async (c) => {
    const fields = await formFields(c);
    return handleForm(
      c,
      fields,
      async () => {
        const id = await createCollection(c.var.deps, actor(c), fields);
        return redirectWith(
          c,
          `/backpack/collections/${id}`,
          'success',
          'Collection created. Add badges to it from your backpack.',
        );
      },
      (form, status) => collectionsPage(c, form, status),
    );
  });
  r.post('/backpack/collections/add', async (c) => {
    const fields = await formFields(c);
    const collection = String(fields.collection ?? '');
    const badge = String(fields.badge ?? '');
    try {
      await addToCollection(c.var.deps, actor(c), collection, badge);
    } catch (err) {
      if (err instanceof AppError && (err.code === 'conflict' || err.code === 'validation_failed'))
        return redirectWith(c, '/backpack', 'error', err.message);
      throw err;
    }
    return redirectWith(c, `/backpack#badge-${badge}`, 'success', 'Added to the collection.');
  });
  r.get('/backpack/collections/:id', (c) => collectionPage(c));
  r.post('/backpack/collections/:id', async (c) => {
    const fields = await formFields(c);
    return handleForm(
      c,
      fields,
      async () => {
        await updateCollection(c.var.deps, actor(c), c.req.param('id'), fields);
        return redirectWith(c, `/backpack/collections/${c.req.param('id')}`, 'success', 'Saved.');
      },
      (form, status) => collectionPage(c, form, status),
    );
  });
  r.post('/backpack/collections/:id/delete', async (c) => {
    await deleteCollection(c.var.deps, actor(c), c.req.param('id'));
    return redirectWith(
      c,
      '/backpack/collections',
      'success',
      'Collection deleted; its badges stay in your backpack.',
    );
  });
  r.post('/backpack/collections/:id/share', async (c) => {
    // The new link is shown on this response only (its hash is all that is kept).
    const token = await shareCollection(c.var.deps, actor(c), c.req.param('id'), true);
    c.header('Cache-Control', 'no-store');
    return collectionPage(c, emptyForm, 201, token);
  });
  r.post('/backpack/collections/:id/unshare', async (c) => {
    await shareCollection(c.var.deps, actor(c), c.req.param('id'), false);
    return redirectWith(
      c,
      `/backpack/collections/${c.req.param('id')}`,
      'success',
      'No longer shared: the link has stopped working.',
    );
  });
  r.post('/backpack/collections/:id/items/:item/remove', async (c) => {
    await removeFromCollection(c.var.deps, actor(c), c.req.param('id'), Number(c.req.param('item')) || -1);
    return redirectWith(
      c,
      `/backpack/collections/${c.req.param('id')}`,
      'success',
      'Removed from the collection.',
    );
  });
  r.post('/backpack/collections/:id/items/:item/move', async (c) => {
    const fields = await formFields(c);
    await moveInCollection(
      c.var.deps,
      actor(c),
      c.req.param('id'),
      Number(c.req.param('item')) || -1,
      fields.direction === 'up' ? 'up' : 'down',
    );
    return c.redirect(`/backpack/collections/${c.req.param('id')}`, 303);
  });

  // A shared collection, for anyone with the link.
  r.get('/c/:token', async (c) => {
    const { db, clock } = c.var.deps;
    const collection = await sharedCollection(db, c.req.param('token'));
    const items = await collectionItems(db, collection, clock.now(), { forPublic: true });
    c.header('X-Robots-Tag', 'noindex');
    return page(
      c,
      collection.name,
      <>
        <h1>{collection.name}</h1>
        <p class="muted">Badges collected by {collection.owner_name}.</p>
        {collection.description && <p>{collection.description}</p>}
        {items.length === 0 && <p class="muted">No badges to show.</p>}
        <ul style="list-style:none;padding:0">
          {items.map((item) => (
            <li class="card">
              <CollectionItemView item={item} base="public" token={c.req.param('token')} />
            </li>
          ))}
        </ul>
      </>,
      200,
      <meta name="robots" content="noindex" />,
    );
  });
  const sharedImported = async (c: C) => {
    const { db } = c.var.deps;
    const collection = await sharedCollection(db, c.req.param('token') ?? '');
    // Only imported badges of this collection (of its owner) are served through its link.
    const item = await db
      .selectFrom('collection_items as ci')
      .innerJoin('imported_credentials as ic', 'ic.id', 'ci.imported_credential_id')
      .select('ic.id')
      .where('ci.collection_id', '=', collection.id)
      .where('ic.user_id', '=', collection.user_id)
      .where('ic.public_id', '=', c.req.param('id') ?? '')
      .executeTakeFirst();
    if (!item) throw new AppError('not_found', 'That badge does not exist, or you do not have access to it.');
    return ownImportedBadge(db, collection.user_id, c.req.param('id') ?? '');
  };
  r.get('/c/:token/imported/:id', async (c) => sendImported(c, await sharedImported(c), 'attachment'));
  r.get('/c/:token/imported/:id/image', async (c) => {
    const row = await sharedImported(c);
    if (row.format !== 'png' && row.format !== 'svg')
      throw new AppError('not_found', 'That badge has no image.');
    return sendImported(c, row, 'inline');
  });
  return r;
}
