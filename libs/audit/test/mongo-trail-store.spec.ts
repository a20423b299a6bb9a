import { MongoTrailStore } from '@vaxledger/audit';
import { describeWithEngine } from '@vaxledger/testing';
import { trailStoreContract } from './trail-store.contract';

describeWithEngine('mongo', 'MongoTrailStore contract', (url) => {
  let run = 0;
  trailStoreContract({
    // A database per test, as the audit service has its own, so runs never meet.
    open: () =>
      MongoTrailStore.connect(url, { dbName: `vx_trail_${process.pid}_${Date.now().toString(36)}_${run++}` }),
    dispose: async (store) => {
      await (store as MongoTrailStore).dropDatabase();
      await store.close();
    },
  });
});
