import { describeWithEngine, redisTestConnection } from '@vaxledger/testing';
import { RedisStore } from '@vaxledger/kv-store';
import { keyValueStoreContract } from './kv-store.contract';

describeWithEngine('redis', 'RedisStore contract', (url) => {
  keyValueStoreContract({ open: async (namespace) => new RedisStore(url, namespace, redisTestConnection()) });
});

describeWithEngine('redis', 'RedisStore on servers older than 6.2', (url) => {
  it('redeems a single-use token through the script when GETDEL is unavailable', async () => {
    const store = new RedisStore(url, `vx:contract:${process.pid}:${Date.now()}:getdel:`, redisTestConnection());
    // Takes the path a pre-6.2 server forces after its first "unknown command" reply.
    (store as unknown as { getDelSupported: boolean }).getDelSupported = false;
    await store.set('step-up:token', 'account-1', 5_000);
    const redemptions = await Promise.all(
      Array.from({ length: 10 }, () => store.getAndDelete('step-up:token')),
    );
    expect(redemptions.filter((value) => value === 'account-1')).toHaveLength(1);
    expect(await store.get('step-up:token')).toBeNull();
    await store.close();
  });
});
