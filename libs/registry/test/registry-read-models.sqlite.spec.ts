import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteReadModelStore } from '@vaxledger/read-models';
import { registryReadModelsContract } from './registry-read-models.contract';

describe('registry read models on SQLite (standalone)', () => {
  let directory: string;
  registryReadModelsContract({
    open: async () => {
      directory = mkdtempSync(join(tmpdir(), 'vx-registry-rm-'));
      return new SqliteReadModelStore(join(directory, 'read-models.db'));
    },
    dispose: async (store) => {
      await store.close();
      rmSync(directory, { recursive: true, force: true });
    },
  });
});
