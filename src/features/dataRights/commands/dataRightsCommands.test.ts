import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testBackends } from '../../../testing/databases.ts';
import { testConfig } from '../../../testing/http.ts';
import { buildUser } from '../../../testing/factories.ts';
import { systemClock } from '../../../domain/clock.ts';
import { AppError } from '../../../domain/errors.ts';
import type { ZipEntry } from '../../../web/zip.ts';
import { DELETE_CONFIRMATION, DELETED_NAME, deleteMyAccount } from './deleteMyAccount.ts';
import { exportMyData } from './exportMyData.ts';

const refusedWith = (code: string) => (err: unknown) => err instanceof AppError && err.code === code;

async function names(files: AsyncGenerator<ZipEntry>): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for await (const f of files) out.set(f.name, typeof f.data === 'string' ? f.data : '(bytes)');
  return out;
}

for (const backend of testBackends()) {
  describe(`the data-rights commands act only on the actor's own account (${backend.name})`, () => {
    test('exportMyData exports the actor and refuses to name anyone else', async () => {
      const storage = await backend.storage();
      const deps = { db: storage.db, clock: systemClock, config: testConfig() };
      const me = await buildUser(storage.db, { name: 'Exporting Earner' });
      const other = await buildUser(storage.db);
      const actor = { userId: me.id, ip: null };

      const files = await names(await exportMyData(deps, { actor }));
      const account = JSON.parse(files.get('account.json') ?? '{}') as { id: string; name: string };
      assert.deepEqual([account.id, account.name], [me.public_id, 'Exporting Earner']);
      // Naming their own account is the same export.
      const again = await names(await exportMyData(deps, { account: me.public_id, actor }));
      assert.ok(again.has('manifest.json'));
      // A body naming someone else is refused before anything is read.
      await assert.rejects(exportMyData(deps, { account: other.public_id, actor }), refusedWith('forbidden'));
      // The actor comes last: a body cannot replace it.
      await assert.rejects(
        exportMyData(deps, { actor: { userId: other.id, ip: null }, ...{ account: me.public_id } }),
        refusedWith('forbidden'),
      );
    });

    test('deleteMyAccount checks the account, the input and the password itself', async () => {
      const storage = await backend.storage();
      const deps = { db: storage.db, clock: systemClock, config: testConfig() };
      const me = await buildUser(storage.db);
      const other = await buildUser(storage.db);
      const actor = { userId: me.id, ip: null };
      const good = { password: me.password, confirmation: DELETE_CONFIRMATION };

      await assert.rejects(
        deleteMyAccount(deps, { ...good, confirmation: 'yes', actor }),
        refusedWith('validation_failed'),
      );
      await assert.rejects(
        deleteMyAccount(deps, { ...good, password: 'not my password', actor }),
        refusedWith('validation_failed'),
      );
      await assert.rejects(
        deleteMyAccount(deps, { ...good, account: other.public_id, actor }),
        refusedWith('forbidden'),
      );
      const name = async (id: number) =>
        (await storage.db.selectFrom('users').select('name').where('id', '=', id).executeTakeFirstOrThrow())
          .name;
      assert.notEqual(await name(other.id), DELETED_NAME, 'the other account is untouched');
      assert.notEqual(await name(me.id), DELETED_NAME, 'refused deletions change nothing');

      await deleteMyAccount(deps, { ...good, account: me.public_id, actor });
      assert.equal(await name(me.id), DELETED_NAME);
      // A deleted account can neither be deleted again nor exported.
      await assert.rejects(deleteMyAccount(deps, { ...good, actor }), refusedWith('forbidden'));
      await assert.rejects(exportMyData(deps, { actor }), refusedWith('forbidden'));
    });
  });
}
