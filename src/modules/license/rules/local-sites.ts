import { BlockList, isIP } from "node:net"
import { normaliseDomain } from "./domain"

/**
 * Local and staging sites (docs/verify-api.md "Local and staging sites"): a
 * domain that matches verifies `valid` without taking a slot when the key's
 * policy says so (license.local_sites_free). Pure: the domain is the
 * normalised one of rules/domain.ts (lowercase, punycode, no port); the
 * store-wide patterns come from the store's licensing settings.
 */

/** Top-level domains reserved for tests, documentation and local networks (RFC 2606, RFC 6761, RFC 6762). */
export const LOCAL_TOP_LEVEL_DOMAINS = ["localhost", "local", "test", "invalid", "example"] as const

/** First labels that name a development or staging copy of a site: `dev.shop.com`, `staging.shop.com`, `stage.shop.com`. */
export const STAGING_SUBDOMAINS = ["dev", "staging", "stage"] as const

/** At most this many store-wide patterns, each at most 253 characters (a host name's limit). */
export const MAX_LOCAL_PATTERNS = 200

const PRIVATE_ADDRESSES = (() => {
  const list = new BlockList()
  list.addSubnet("127.0.0.0", 8, "ipv4") // loopback
  list.addSubnet("10.0.0.0", 8, "ipv4") // private (RFC 1918)
  list.addSubnet("172.16.0.0", 12, "ipv4")
  list.addSubnet("192.168.0.0", 16, "ipv4")
  list.addSubnet("169.254.0.0", 16, "ipv4") // link-local
  list.addSubnet("0.0.0.0", 32, "ipv4")
  list.addAddress("::1", "ipv6") // loopback
  list.addAddress("::", "ipv6")
  list.addSubnet("fc00::", 7, "ipv6") // unique local addresses (ULA)
  list.addSubnet("fe80::", 10, "ipv6") // link-local
  return list
})()

/** Whether an IP address is loopback, private (RFC 1918), link-local or an IPv6 unique local address. */
export function isPrivateAddress(ip: string): boolean {
  const version = isIP(ip)
  if (version === 0) {
    return false
  }
  const mapped = version === 6 ? /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip) : null
  if (mapped) {
    return PRIVATE_ADDRESSES.check(mapped[1], "ipv4")
  }
  return PRIVATE_ADDRESSES.check(ip, version === 4 ? "ipv4" : "ipv6")
}

/**
 * A store-wide pattern in its stored form: `*.wpengine.com` (any subdomain,
 * not the apex) or `staging.shop.com` (that host only), normalised like a
 * domain (IDN to punycode, lowercase, no scheme or port). Null when unusable.
 */
export function normaliseLocalPattern(input: string): string | null {
  const trimmed = input.trim()
  const wildcard = trimmed.startsWith("*.")
  const host = normaliseDomain(wildcard ? trimmed.slice(2) : trimmed)
  if (!host || host.includes("*")) {
    return null
  }
  if (wildcard && (isIP(host) !== 0 || !host.includes("."))) {
    // `*.com` or `*.10.0.0.1` would free far more than a hosting provider's staging sites.
    return null
  }
  return wildcard ? `*.${host}` : host
}

/** Whether a pattern in stored form matches a normalised domain. */
export function matchesLocalPattern(pattern: string, domain: string): boolean {
  return pattern.startsWith("*.") ? domain.endsWith(pattern.slice(1)) : domain === pattern
}

/**
 * Whether a normalised domain is a local or staging site: localhost, a
 * loopback or private IP, a reserved top-level domain, a dev./staging./stage.
 * subdomain, or one of the store's patterns.
 */
export function isLocalSite(domain: string, storePatterns: readonly string[] = []): boolean {
  if (isIP(domain) !== 0) {
    return isPrivateAddress(domain)
  }
  const labels = domain.split(".")
  if ((LOCAL_TOP_LEVEL_DOMAINS as readonly string[]).includes(labels[labels.length - 1])) {
    return true
  }
  if (labels.length > 2 && (STAGING_SUBDOMAINS as readonly string[]).includes(labels[0])) {
    return true
  }
  return storePatterns.some((pattern) => matchesLocalPattern(pattern, domain))
}

/** The built-in rules, for the admin's Licensing widget and the store settings answer. */
export const BUILT_IN_LOCAL_RULES: readonly string[] = [
  "localhost and *.localhost",
  "loopback and private IPs (127.0.0.0/8, 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, 169.254.0.0/16, ::1, fc00::/7, fe80::/10)",
  "*.local, *.test, *.invalid, *.example",
  "dev.*, staging.*, stage.* (a subdomain of a registered domain, e.g. staging.shop.com)",
]
