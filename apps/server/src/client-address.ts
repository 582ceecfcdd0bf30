import { BlockList, isIP, SocketAddress } from 'node:net';
import type { Context, MiddlewareHandler } from 'hono';
import type { ServerEnv } from './authenticate-request.js';

/** The reverse proxies whose `X-Forwarded-For` this server believes (`sopflow serve --trust-proxy`). */
export interface TrustedProxies {
  /** The addresses and CIDR blocks as given. */
  readonly cidrs: readonly string[];
  /** Whether an address (IPv4, IPv6 or IPv4-mapped IPv6) is one of them. */
  has(address: string): boolean;
}

/**
 * The trusted proxies of a list of addresses and CIDR blocks (`10.0.0.0/8`, `192.168.1.7`, `fd00::/8`,
 * `::1`); an IPv4 rule also holds for the address's IPv4-mapped IPv6 form and the other way round
 * (node:net's BlockList). Throws an Error naming the first entry that is neither.
 * @example trustedProxies(['10.0.0.0/8', '::1']).has('::ffff:10.1.2.3') → true
 */
export function trustedProxies(cidrs: readonly string[]): TrustedProxies {
  const list = new BlockList();
  for (const cidr of cidrs) {
    const [address = '', prefixText, extra] = cidr.trim().split('/');
    const family = isIP(address);
    const max = family === 4 ? 32 : 128;
    const prefix = prefixText === undefined ? max : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : Number.NaN;
    if (family === 0 || extra !== undefined || !(prefix >= 0 && prefix <= max)) {
      throw new Error(`"${cidr}" is not an IP address or CIDR block (give one like 10.0.0.0/8, 192.168.1.7, fd00::/8 or ::1)`);
    }
    list.addSubnet(address, prefix, family === 4 ? 'ipv4' : 'ipv6');
  }
  return {
    cidrs: [...cidrs],
    has: (address) => {
      const family = isIP(address);
      return family !== 0 && list.check(address, family === 4 ? 'ipv4' : 'ipv6');
    },
  };
}

/**
 * Pure; who a request comes from: the connection's peer, unless the peer is a trusted proxy — then
 * `X-Forwarded-For` read from the right (each proxy appends whom it heard), skipping trusted hops, to
 * the first untrusted address; an entry that is no address stops the walk at the hop before it.
 * Entries left of the first untrusted one are whatever the client wrote, and are never read.
 * IPv4-mapped IPv6 addresses come back as IPv4, so one client has one key.
 * @example resolveClientAddress('127.0.0.1', '6.6.6.6, 203.0.113.5', trustedProxies(['127.0.0.1'])) → '203.0.113.5'
 */
export function resolveClientAddress(peer: string, forwardedFor: string | undefined, trusted: TrustedProxies): string {
  let address = plainAddress(peer) ?? peer;
  const hops = forwardedFor?.split(',') ?? [];
  for (let i = hops.length - 1; i >= 0 && trusted.has(address); i--) {
    const hop = plainAddress(hops[i]!);
    if (hop === undefined) break;
    address = hop;
  }
  return address;
}

/** An X-Forwarded-For entry or a socket address as one IP in one spelling (port and brackets dropped, IPv6 canonical, IPv4-mapped as IPv4); undefined when it is none. */
function plainAddress(entry: string): string | undefined {
  let text = entry.trim().toLowerCase();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(text);
  if (bracketed !== null) text = bracketed[1]!;
  else if (/^[\d.]+:\d+$/.test(text)) text = text.slice(0, text.indexOf(':'));
  const family = isIP(text);
  if (family === 0) return undefined;
  if (family === 4) return text;
  const canonical = new SocketAddress({ address: text, family: 'ipv6' }).address;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(canonical);
  return mapped === null ? canonical : mapped[1]!;
}

/** Middleware: makes `clientAddress` believe `X-Forwarded-For` from these proxies (registered only when some are trusted). */
export function trustProxies(trusted: TrustedProxies): MiddlewareHandler<ServerEnv> {
  return async (c, next) => {
    c.set('trustedProxies', trusted);
    await next();
  };
}

/**
 * The client a request comes from, the one key of every per-client limit (sign-in, hub reads, unknown
 * journey keys): the connection's address, or behind a trusted proxy the address it forwarded
 * (resolveClientAddress); `in-process` under `app.request()`. Never stored in the clear, never logged.
 */
export function clientAddress(c: Context<ServerEnv>): string {
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  const peer = incoming?.socket?.remoteAddress;
  if (peer === undefined) return 'in-process';
  const trusted = c.get('trustedProxies');
  return resolveClientAddress(peer, trusted === undefined ? undefined : c.req.header('x-forwarded-for'), trusted ?? NONE);
}

const NONE = trustedProxies([]);
