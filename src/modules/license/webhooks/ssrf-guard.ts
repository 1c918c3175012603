import { lookup as dnsLookup } from "node:dns/promises"
import { BlockList, isIP } from "node:net"

/**
 * Keeps webhooks from becoming a request forgery against the store's own
 * network: only http(s) URLs, and every address a host name resolves to must be
 * public. Loopback, link-local, private, unique-local, CGNAT, multicast and
 * reserved ranges are refused unless the store allows private networks.
 * The check runs when an endpoint is saved and again at every send, on the very
 * address the socket connects to (see `guardedLookup`), so a DNS answer that
 * changes after registration (DNS rebinding) is refused too.
 */

const REFUSED_V4: [string, number][] = [
  ["0.0.0.0", 8], // "this network"
  ["10.0.0.0", 8], // private
  ["100.64.0.0", 10], // shared address space (CGNAT)
  ["127.0.0.0", 8], // loopback
  ["169.254.0.0", 16], // link-local (cloud metadata services live here)
  ["172.16.0.0", 12], // private
  ["192.0.0.0", 24], // IETF protocol assignments
  ["192.0.2.0", 24], // documentation
  ["192.88.99.0", 24], // 6to4 relay anycast
  ["192.168.0.0", 16], // private
  ["198.18.0.0", 15], // benchmarking
  ["198.51.100.0", 24], // documentation
  ["203.0.113.0", 24], // documentation
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, broadcast
]

const REFUSED_V6: [string, number][] = [
  ["::", 128], // unspecified
  ["::1", 128], // loopback
  ["100::", 64], // discard
  ["2001:db8::", 32], // documentation
  ["fc00::", 7], // unique local
  ["fe80::", 10], // link-local
  ["fec0::", 10], // site-local (deprecated)
  ["ff00::", 8], // multicast
]

const refused = new BlockList()
for (const [network, prefix] of REFUSED_V4) {
  refused.addSubnet(network, prefix, "ipv4")
}
for (const [network, prefix] of REFUSED_V6) {
  refused.addSubnet(network, prefix, "ipv6")
}

/** The IPv4 address an IPv6 address carries (mapped ::ffff:a.b.c.d, NAT64 64:ff9b::/96, 6to4 2002::/16), if any. */
function embeddedIpv4(address: string): string | null {
  const lower = address.toLowerCase()
  const dotted = lower.match(/^(?:::ffff:|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/)
  if (dotted) {
    return dotted[1]
  }
  const groups = expandIpv6(lower)
  if (!groups) {
    return null
  }
  const v4 = (hi: number, lo: number) => `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`
  const zeros = (from: number, to: number) => groups.slice(from, to).every((g) => g === 0)
  if (zeros(0, 5) && groups[5] === 0xffff) {
    return v4(groups[6], groups[7]) // ::ffff:0:0/96
  }
  if (groups[0] === 0x64 && groups[1] === 0xff9b && zeros(2, 6)) {
    return v4(groups[6], groups[7]) // 64:ff9b::/96
  }
  if (groups[0] === 0x2002) {
    return v4(groups[1], groups[2]) // 2002::/16
  }
  return null
}

/** The eight 16-bit groups of an IPv6 address without a dotted tail, or null. */
function expandIpv6(address: string): number[] | null {
  if (address.includes(".")) {
    return null
  }
  const [head, tail] = address.split("::")
  const left = head ? head.split(":") : []
  const right = tail !== undefined && tail !== "" ? tail.split(":") : []
  const missing = 8 - left.length - right.length
  if (tail === undefined ? left.length !== 8 : missing < 0) {
    return null
  }
  const groups = [...left, ...Array(tail === undefined ? 0 : missing).fill("0"), ...right].map((g) => parseInt(g, 16))
  return groups.length === 8 && groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : null
}

/** Whether an IP address is public, i.e. not in any refused range (IPv4 inside IPv6 is checked as IPv4). */
export function isPublicAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, "").split("%")[0]
  const family = isIP(bare)
  if (family === 4) {
    return !refused.check(bare, "ipv4")
  }
  if (family === 6) {
    const v4 = embeddedIpv4(bare)
    if (v4 && refused.check(v4, "ipv4")) {
      return false
    }
    return !refused.check(bare, "ipv6")
  }
  return false
}

export class WebhookUrlError extends Error {}

/** Parses a webhook URL: http(s) only, with a host; throws WebhookUrlError otherwise. */
export function parseWebhookUrl(input: string): URL {
  let url: URL
  try {
    url = new URL(input)
  } catch {
    throw new WebhookUrlError("The webhook URL is not a valid URL.")
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new WebhookUrlError("The webhook URL must start with http:// or https://.")
  }
  if (!url.hostname) {
    throw new WebhookUrlError("The webhook URL has no host.")
  }
  return url
}

export type ResolvedAddress = { address: string; family: number }

export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>

const systemResolver: Resolver = async (hostname) => await dnsLookup(hostname, { all: true, verbatim: true })

/**
 * Resolves a URL's host (or takes its literal IP) and checks every address.
 * Returns the addresses; throws WebhookUrlError naming the first refused one.
 */
export async function resolveWebhookHost(
  url: URL,
  allowPrivateNetworks: boolean,
  resolve: Resolver = systemResolver
): Promise<ResolvedAddress[]> {
  const host = url.hostname.replace(/^\[|\]$/g, "")
  let addresses: ResolvedAddress[]
  if (isIP(host)) {
    addresses = [{ address: host, family: isIP(host) }]
  } else {
    try {
      addresses = await resolve(host)
    } catch {
      throw new WebhookUrlError(`The host name ${host} does not resolve.`)
    }
    if (!addresses.length) {
      throw new WebhookUrlError(`The host name ${host} does not resolve.`)
    }
  }
  if (!allowPrivateNetworks) {
    const bad = addresses.find((a) => !isPublicAddress(a.address))
    if (bad) {
      throw new WebhookUrlError(
        `The webhook URL points to a loopback, link-local or private address (${bad.address}); ` +
          "only public addresses are allowed unless the store sets webhooksAllowPrivateNetworks."
      )
    }
  }
  return addresses
}

/** Checks a webhook URL as the admin saves it: scheme, host, and every address its host resolves to. */
export async function assertSafeWebhookUrl(input: string, allowPrivateNetworks: boolean, resolve?: Resolver): Promise<URL> {
  const url = parseWebhookUrl(input)
  await resolveWebhookHost(url, allowPrivateNetworks, resolve)
  return url
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | ResolvedAddress[], family?: number) => void

/**
 * A `lookup` for http.request: resolves the host, refuses it when any address is
 * refused, and hands the socket the address it checked, so nothing can swap the
 * answer between the check and the connection.
 */
export function guardedLookup(allowPrivateNetworks: boolean, resolve: Resolver = systemResolver) {
  return (hostname: string, options: { all?: boolean } | number | undefined, callback: LookupCallback) => {
    const all = typeof options === "object" && options !== null && !!options.all
    resolveWebhookHost(new URL(`http://${hostname.includes(":") ? `[${hostname}]` : hostname}`), allowPrivateNetworks, resolve)
      .then((addresses) => {
        if (all) {
          callback(null, addresses)
        } else {
          callback(null, addresses[0].address, addresses[0].family)
        }
      })
      .catch((error: Error) => {
        const failure = error as NodeJS.ErrnoException
        failure.code = failure.code ?? "EWEBHOOKADDRESS"
        callback(failure, "", 0)
      })
  }
}
