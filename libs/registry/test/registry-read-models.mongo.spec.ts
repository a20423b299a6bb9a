import { MongoReadModelStore } from '@vaxledger/read-models';
import { describeWithEngine } from '@vaxledger/testing';
import { registryReadModelsContract } from './registry-read-models.contract';

describeWithEngine('mongo', 'registry read models on the Mongo wire protocol (distributed)', (url) => {
  const dbName = `vx_registry_rm_${process.pid}_${Date.now().toString(36)}`;
  registryReadModelsContract({
    open: () => MongoReadModelStore.connect(url, { dbName }),
    dispose: async (store) => {
      await (store as MongoReadModelStore).dropDatabase();
      await store.close();
    },
  });
});
