import { EventStoreDbEventStore } from '@vaxledger/event-store';
import { describeWithEngine } from '@vaxledger/testing';
import { eventStoreContract } from './event-store.contract';

// The server is shared with other suites: the contract writes only to fresh, uniquely named streams.
describeWithEngine('eventstoredb', 'EventStoreDbEventStore contract', (url) => {
  eventStoreContract('EventStoreDbEventStore', async () => {
    const store = new EventStoreDbEventStore(url);
    return { store, cleanup: () => store.close() };
  });
});
