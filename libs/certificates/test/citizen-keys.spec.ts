import { citizenKey } from '../src/citizen/citizen-keys';

describe('the citizen flow keys', () => {
  it('refuse to derive from an empty or short purpose key, so nothing runs on a key anyone can compute', () => {
    expect(() => citizenKey(Buffer.alloc(0), 'citizen-token')).toThrow(/citizenRecords key is missing/);
    expect(() => citizenKey(Buffer.alloc(31, 7), 'citizen-code')).toThrow(/citizenRecords key is missing/);
  });

  it('derive a different key for each use of one purpose key', () => {
    const root = Buffer.alloc(32, 9);
    const keys = (['citizen-token', 'citizen-code', 'citizen-id'] as const).map((use) => citizenKey(root, use).toString('hex'));
    expect(new Set(keys).size).toBe(3);
    expect(citizenKey(root, 'citizen-id').equals(citizenKey(Buffer.alloc(32, 8), 'citizen-id'))).toBe(false);
  });
});
