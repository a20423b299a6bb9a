import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteTrailStore, type TrailStore } from '@vaxledger/audit';
import { trailStoreContract } from './trail-store.contract';

describe('SqliteTrailStore contract', () => {
  const folders = new Map<TrailStore, string>();
  trailStoreContract({
    open: async () => {
      const folder = mkdtempSync(join(tmpdir(), 'vaxledger-trail-'));
      const store = new SqliteTrailStore(join(folder, 'audit', 'trail.db'));
      folders.set(store, folder);
      return store;
    },
    dispose: async (store) => {
      await store.close();
      rmSync(folders.get(store)!, { recursive: true, force: true });
      folders.delete(store);
    },
  });
});
