import { isIPv4, isIPv6 } from 'node:net';

/**
 * The rate-limit key for a client address. IPv4 addresses (and IPv4-mapped IPv6 addresses) count
 * one by one; IPv6 addresses are grouped by their first `ipv6Prefix` bits, because one subscriber
 * usually holds a whole /56 (or /48, /64) and could otherwise rotate through it.
 */
export function rateLimitKeyForIp(ip: string | undefined, ipv6Prefix = 56): string {
  if (!ip) return 'unknown';
  const address = ip.startsWith('[') && ip.endsWith(']') ? ip.slice(1, -1) : ip;

  if (isIPv4(address)) return address;
  if (!isIPv6(address)) return address;

  const groups = expandIpv6(address.split('%', 1)[0] ?? address);
  const mapped = mappedIpv4(groups);
  if (mapped) return mapped;

  return `${ipv6PrefixOf(groups, ipv6Prefix)}/${ipv6Prefix}`;
}

/** `::ffff:a.b.c.d` in any spelling (hex groups, zeros written out) as `a.b.c.d`. */
function mappedIpv4(groups: number[]): string | undefined {
  const [high = 0, low = 0] = groups.slice(6);
  const isMapped = groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff;
  if (!isMapped) return undefined;
  return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
}

/** The first `bits` bits of an IPv6 address, as eight zero-padded groups. */
function ipv6PrefixOf(groups: number[], bits: number): string {
  let remaining = Math.max(0, Math.min(128, bits));

  return groups
    .map((group) => {
      const keep = Math.min(16, remaining);
      remaining -= keep;
      const mask = keep === 0 ? 0 : (0xffff << (16 - keep)) & 0xffff;
      return (group & mask).toString(16).padStart(4, '0');
    })
    .join(':');
}

function expandIpv6(address: string): number[] {
  let text = address;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted?.[1]) {
    const [a = 0, b = 0, c = 0, d = 0] = dotted[1].split('.').map(Number);
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }

  const [head = '', tail] = text.split('::');
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail ? tail.split(':') : [];
  const missing = 8 - headGroups.length - tailGroups.length;
  const all =
    tail === undefined ? headGroups : [...headGroups, ...Array(missing).fill('0'), ...tailGroups];

  return all.map((group) => Number.parseInt(group || '0', 16));
}
