import type { Child } from 'hono/jsx';
import type { FormState } from '../../../web/forms.tsx';
import type { Queryable } from '../../../storage/database.ts';
import { CredentialInputForm } from '../../issuing/index.ts';
import { backpackPaths } from '../paths.ts';
import { collectionsOf } from '../queries/collections.ts';
import { importedBadgesOf, type ImportedBadgeSummary } from '../queries/importedBadges.ts';
import { issuedBadgesOf, type IssuedBadge } from '../queries/issuedBadges.ts';
import { ImportedRow, IssuedRow, PendingRow } from './badgeRows.tsx';
import { day, type CollectionChoice } from './parts.tsx';

/** What the backpack page shows: every badge the earner holds, by claim state, and their collections. */
export interface BackpackModel {
  pending: IssuedBadge[];
  held: IssuedBadge[];
  declined: IssuedBadge[];
  imported: ImportedBadgeSummary[];
  collections: CollectionChoice[];
}

/** Three list queries (issued, imported, collections), whatever the number of badges. */
export async function loadBackpack(
  db: Queryable,
  userId: number,
  now: Date,
  readerLocale = 'en',
): Promise<BackpackModel> {
  const [issued, imported, collections] = await Promise.all([
    issuedBadgesOf(db, userId, now, {}, readerLocale),
    importedBadgesOf(db, userId),
    collectionsOf(db, userId),
  ]);
  return {
    pending: issued.filter((b) => b.claim === 'pending'),
    held: issued.filter((b) => b.claim === 'accepted' || b.claim === null),
    declined: issued.filter((b) => b.claim === 'declined'),
    imported,
    collections: collections.map((c) => ({ public_id: c.public_id, name: c.name })),
  };
}

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
        action={backpackPaths.importBadge}
        fileLabel="or upload a badge file (baked PNG or SVG, or a .json / .jwt file)"
        urlLabel="or its address (https://…)"
        urlHint="Fetching from other sites may be turned off on this Cairn."
        submitLabel="Import and verify"
      />
    </section>
  );
}

function PendingSection({ pending, csrf }: { pending: IssuedBadge[]; csrf: string }) {
  if (!pending.length) return null;
  return (
    <section class="card" aria-labelledby="h-pending">
      <h2 id="h-pending">Waiting for you to accept</h2>
      <ul class="plain-list">
        {pending.map((b) => (
          <PendingRow b={b} csrf={csrf} />
        ))}
      </ul>
    </section>
  );
}

function DeclinedSection({ declined }: { declined: IssuedBadge[] }) {
  if (!declined.length) return null;
  return (
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
  );
}

/** The backpack page; `otherBackpacks` is the connections section, rendered by ob3api. */
export function BackpackView({
  model,
  form,
  csrf,
  otherBackpacks,
}: {
  model: BackpackModel;
  form: FormState;
  csrf: string;
  otherBackpacks: Child;
}) {
  const { held, imported, collections } = model;
  const count = held.length + imported.length;
  return (
    <>
      <h1>Your backpack</h1>
      <p>
        Every badge you hold: issued here or imported from elsewhere.{' '}
        <a href={backpackPaths.collections}>Collections</a> ({collections.length}) ·{' '}
        <a href={backpackPaths.exportZip}>Download everything (ZIP)</a>
      </p>
      <PendingSection pending={model.pending} csrf={csrf} />
      <section aria-labelledby="h-badges">
        <h2 id="h-badges">Your badges ({count})</h2>
        {count === 0 && (
          <p class="muted">
            No badges yet. Badges sent to your confirmed addresses appear here; you can also import badges
            from other platforms below.
          </p>
        )}
        <ul class="badge-cards roomy">
          {held.map((b) => (
            <IssuedRow b={b} csrf={csrf} collections={collections} />
          ))}
          {imported.map((b) => (
            <ImportedRow b={b} csrf={csrf} collections={collections} />
          ))}
        </ul>
      </section>
      <DeclinedSection declined={model.declined} />
      <ImportForm form={form} csrf={csrf} />
      {otherBackpacks}
    </>
  );
}
