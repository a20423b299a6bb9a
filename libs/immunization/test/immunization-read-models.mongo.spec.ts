import { MongoReadModelStore } from '@vaxledger/read-models';
import { describeWithEngine } from '@vaxledger/testing';
import { immunizationReadModelsContract } from './immunization-read-models.contract';

describeWithEngine('mongo', 'immunization read models on MongoDB', (url) => {
  // A database of its own per run, as each service has its own.
  const dbName = `vx_immunization_${process.pid}_${Date.now().toString(36)}`;
  immunizationReadModelsContract({
    open: () => MongoReadModelStore.connect(url, { dbName }),
    dispose: async (store) => {
      await (store as MongoReadModelStore).dropDatabase();
      await store.close();
    },
  });
});
