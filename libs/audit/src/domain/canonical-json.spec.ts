import { CanonicalJsonError, canonicalize } from './canonical-json';

describe('canonical JSON', () => {
  it('sorts object keys at every depth and writes no whitespace', () => {
    expect(canonicalize({ b: 1, a: { d: [3, { z: true, y: null }], c: 'x' } })).toBe(
      '{"a":{"c":"x","d":[3,{"y":null,"z":true}]},"b":1}',
    );
  });

  it('gives the same text for the same content whatever the insertion order', () => {
    const one = { sequence: 7, eventId: 'e', actor: { accountId: 'a', provinceCode: '01' } };
    const two = { actor: { provinceCode: '01', accountId: 'a' }, eventId: 'e', sequence: 7 };
    expect(canonicalize(one)).toBe(canonicalize(two));
  });

  it('keeps array order, because order is content', () => {
    expect(canonicalize(['b', 'a'])).toBe('["b","a"]');
  });

  it('escapes strings exactly as JSON.stringify does', () => {
    expect(canonicalize({ ua: 'Mozilla/5.0 "quoted" \\ \n tab\t', name: 'Nguyễn' })).toBe(
      '{"name":"Nguyễn","ua":"Mozilla/5.0 \\"quoted\\" \\\\ \\n tab\\t"}',
    );
  });

  it('sorts keys by UTF-16 code units, so upper case comes before lower case', () => {
    expect(canonicalize({ b: 1, B: 2, a: 3 })).toBe('{"B":2,"a":3,"b":1}');
  });

  it('leaves out members whose value is undefined', () => {
    expect(canonicalize({ a: undefined, b: 1 })).toBe('{"b":1}');
  });

  it('refuses values that would not survive a round trip through JSON', () => {
    expect(() => canonicalize({ n: Number.NaN })).toThrow(CanonicalJsonError);
    expect(() => canonicalize({ n: Infinity })).toThrow(CanonicalJsonError);
    expect(() => canonicalize([1, undefined])).toThrow(CanonicalJsonError);
    expect(() => canonicalize({ at: new Date(0) })).toThrow(/only plain objects/);
    expect(() => canonicalize({ big: BigInt(1) })).toThrow(CanonicalJsonError);
  });

  it('parses back to the same canonical text', () => {
    const text = canonicalize({ z: [1, 2.5, -3], a: { y: 'é', x: false } });
    expect(canonicalize(JSON.parse(text))).toBe(text);
  });
});
