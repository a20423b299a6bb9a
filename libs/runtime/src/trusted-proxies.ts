/**
 * Which peers may tell us the client's address. `X-Forwarded-For` is honoured only when the TCP peer is one of
 * `TRUSTED_PROXIES` (a CIDR list, default none): then the rightmost address the trusted proxy added is the
 * client. Anyone else's header is ignored, so login history and access records cannot be forged by a header.
 */
import { BlockList, isIP } from 'node:net';
import { z } from 'zod';

/** `10.0.0.5`, `10.0.0.0/8`, `::1`, `fd00::/8`: a single address means that address alone. */
export function parseCidr(entry: string): { address: string; prefix: number; family: 'ipv4' | 'ipv6' } | null {
  const [address, prefixText, extra] = entry.trim().split('/');
  if (extra !== undefined || !address) return null;
  const version = isIP(address);
  if (version === 0) return null;
  const family = version === 4 ? 'ipv4' : 'ipv6';
  const max = version === 4 ? 32 : 128;
  const prefix = prefixText === undefined ? max : Number(prefixText);
  if (!/^\d+$/.test(prefixText ?? String(max)) || prefix < 0 || prefix > max) return null;
  return { address, prefix, family };
}

/** The environment variable: comma-separated CIDRs, empty or unset = trust no proxy. */
export const trustedProxiesSetting = () =>
  z
    .string()
    .default('')
    .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean))
    .superRefine((entries, ctx) => {
      for (const entry of entries) {
        if (!parseCidr(entry)) ctx.addIssue({ code: 'custom', message: `"${entry}" is not an IP address or CIDR range` });
      }
    });

/** Fastify's `trustProxy` for the list: a function of the peer address (each hop is judged the same way). */
export function trustedProxyCheck(cidrs: readonly string[]): false | ((address: string) => boolean) {
  if (cidrs.length === 0) return false;
  const allowed = new BlockList();
  for (const entry of cidrs) {
    const cidr = parseCidr(entry);
    if (!cidr) throw new Error(`TRUSTED_PROXIES: "${entry}" is not an IP address or CIDR range`);
    allowed.addSubnet(cidr.address, cidr.prefix, cidr.family);
  }
  return (address: string) => {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
    if (mapped) return allowed.check(mapped[1], 'ipv4');
    const version = isIP(address);
    return version !== 0 && allowed.check(address, version === 4 ? 'ipv4' : 'ipv6');
  };
}
