import { parseCidr, trustedProxiesSetting, trustedProxyCheck } from './trusted-proxies';

describe('trusted proxies', () => {
  it('trusts no one when the list is empty', () => {
    expect(trustedProxyCheck([])).toBe(false);
  });

  it('trusts exactly the addresses inside the listed ranges, IPv4-mapped IPv6 included', () => {
    const trusted = trustedProxyCheck(['10.1.0.0/16', '192.0.2.7', 'fd00::/8']) as (address: string) => boolean;
    expect(trusted('10.1.200.3')).toBe(true);
    expect(trusted('::ffff:10.1.0.9')).toBe(true);
    expect(trusted('10.2.0.1')).toBe(false);
    expect(trusted('192.0.2.7')).toBe(true);
    expect(trusted('192.0.2.8')).toBe(false);
    expect(trusted('fd12::1')).toBe(true);
    expect(trusted('2001:db8::1')).toBe(false);
    expect(trusted('not-an-address')).toBe(false);
  });

  it('refuses a malformed entry at start-up, naming it', () => {
    expect(parseCidr('10.0.0.0/33')).toBeNull();
    expect(parseCidr('gateway.local')).toBeNull();
    const parsed = trustedProxiesSetting().safeParse('10.0.0.1, 10.0.0.0/40');
    expect(parsed.success).toBe(false);
    expect(JSON.stringify(parsed.error?.issues)).toContain('10.0.0.0/40');
    expect(trustedProxiesSetting().parse(undefined)).toEqual([]);
  });
});
