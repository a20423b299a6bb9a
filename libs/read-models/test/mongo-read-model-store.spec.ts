import { describeWithEngine } from '@vaxledger/testing';
import { MongoReadModelStore } from '@vaxledger/read-models';
import { readModelStoreContract } from './read-model-store.contract';

describeWithEngine('mongo', 'MongoReadModelStore contract', (url) => {
  // A database of its own per run, like a service has its own, so parallel or repeated runs never meet.
  const dbName = `vx_rm_contract_${process.pid}_${Date.now().toString(36)}`;

  readModelStoreContract({
    open: () => MongoReadModelStore.connect(url, { dbName }),
    dispose: async (store) => {
      await (store as MongoReadModelStore).dropDatabase();
      await store.close();
    },
  });
});
