import { lookup as dnsLookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/** Resolves a host name to its addresses; `dns.lookup` with `all: true` by default. */
export type HostLookup = (hostname: string) => Promise<readonly { address: string; family: number }[]>;

export type HostCheck = { ok: true } | { ok: false; message: string };

/** Addresses an api step reaches only when `allowed_hosts` lists them (or a range holding them). */
const NON_PUBLIC = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) NON_PUBLIC.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8]] as const) NON_PUBLIC.addSubnet(network, prefix, 'ipv6');

const defaultLookup: HostLookup = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

/**
 * Whether an api step may send a request to `url`. With a non-empty `allowedHosts`, the URL's
 * host must be listed: a name (case-insensitive), `*.example.com` (any subdomain), an IP address
 * or a CIDR range (`10.0.0.0/8`). Whatever the list, every address the host resolves to must be
 * public, unless that address or a range holding it is listed: private (10/8, 172.16/12,
 * 192.168/16, fc00::/7), loopback (127/8, ::1), link-local (169.254/16, fe80::/10) and other
 * special ranges are refused otherwise.
 */
export async function checkHost(url: URL, allowedHosts: readonly string[], lookup: HostLookup = defaultLookup): Promise<HostCheck> {
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const listed = createListedAddresses(allowedHosts);
  const hostIsIp = isIP(host) !== 0;
  if (allowedHosts.length > 0 && !(hostIsIp ? listed.check(host, ipType(host)) : allowedHosts.some((entry) => nameMatches(host, entry)))) {
    return { ok: false, message: `${host} is not in the workflow's allowed_hosts (${allowedHosts.join(', ')})` };
  }
  let addresses: readonly { address: string }[];
  try {
    addresses = hostIsIp ? [{ address: host }] : await lookup(host);
  } catch {
    // An unresolvable name is a network problem; fetch reports it as such.
    return { ok: true };
  }
  for (const { address } of addresses) {
    const type = ipType(address);
    if (NON_PUBLIC.check(address, type) && !listed.check(address, type)) {
      const what = host === address ? address : `${host} resolves to ${address}, which`;
      return { ok: false, message: `${what} is a private, loopback or link-local address; list it in the workflow's allowed_hosts to reach it` };
    }
  }
  return { ok: true };
}

function nameMatches(host: string, entry: string): boolean {
  const wanted = entry.trim().toLowerCase();
  if (wanted.startsWith('*.')) return host.endsWith(wanted.slice(1)) && host.length > wanted.length - 1;
  return host === wanted;
}

/** The IP addresses and CIDR ranges of the list; names are ignored here. */
function createListedAddresses(allowedHosts: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of allowedHosts) {
    const [address, prefix] = entry.trim().replace(/^\[|\]$/g, '').split('/');
    const family = isIP(address);
    if (family === 0) continue;
    const type = family === 4 ? 'ipv4' : 'ipv6';
    const bits = prefix === undefined ? (family === 4 ? 32 : 128) : Number(prefix);
    if (Number.isInteger(bits) && bits >= 0 && bits <= (family === 4 ? 32 : 128)) list.addSubnet(address, bits, type);
  }
  return list;
}

function ipType(address: string): 'ipv4' | 'ipv6' {
  return isIP(address) === 6 ? 'ipv6' : 'ipv4';
}
