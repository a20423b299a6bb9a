import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteReadModelStore } from '@vaxledger/read-models';
import { immunizationReadModelsContract } from './immunization-read-models.contract';

describe('immunization read models on SQLite', () => {
  let directory: string;
  immunizationReadModelsContract({
    open: async () => {
      directory = mkdtempSync(join(tmpdir(), 'vx-immunization-sqlite-'));
      return new SqliteReadModelStore(join(directory, 'read-models.db'));
    },
    dispose: async (store) => {
      await store.close();
      rmSync(directory, { recursive: true, force: true });
    },
  });
});
