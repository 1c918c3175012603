import ipaddr from "ipaddr.js"
import { isIP } from "node:net"

/**
 * Whether an IP address is a public (global unicast) destination, classified by
 * ipaddr.js (its table of IANA special-purpose ranges) instead of a list kept by
 * hand:
 * - IPv4: only ipaddr.js's `unicast` range passes; private, loopback, link-local,
 *   CGNAT, multicast, broadcast, "this network", documentation, benchmarking and
 *   reserved space are refused.
 * - IPv6: only `unicast` inside 2000::/3 (global unicast) passes. ipaddr.js calls
 *   every address outside its special ranges `unicast`, unassigned space and the
 *   deprecated IPv4-compatible ::/96 included, hence the 2000::/3 check.
 * - IPv6 that carries an IPv4 address a packet really reaches is decided by that
 *   IPv4 address: IPv4-mapped ::ffff:0:0/96 (the socket connects to the IPv4
 *   address), NAT64 64:ff9b::/96 (RFC 6052: a NAT64 gateway translates to it) and
 *   6to4 2002::/16. Everything else with an IPv4 inside is refused: the local-use
 *   NAT64 prefix 64:ff9b:1::/48, IPv4-translated ::ffff:0:0:0/96, IPv4-compatible
 *   ::/96 and Teredo 2001::/32 (its embedded addresses are obfuscated and its
 *   relays are not the store's to trust).
 */
export function isPublicAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, "").split("%")[0]
  const family = isIP(bare)
  if (family === 4) {
    return isPublicIpv4(ipaddr.IPv4.parse(bare))
  }
  if (family === 6) {
    // Canonical hexadecimal form first: ipaddr.js reads a dotted tail such as
    // "::8.8.8.8" (IPv4-compatible) as IPv4-mapped, a socket does not.
    return isPublicIpv6(ipaddr.IPv6.parse(new URL(`http://[${bare}]/`).hostname.slice(1, -1)))
  }
  return false
}

const NAT64_WELL_KNOWN = ipaddr.IPv6.parse("64:ff9b::")
const GLOBAL_UNICAST = ipaddr.IPv6.parse("2000::")

function isPublicIpv4(address: ipaddr.IPv4): boolean {
  return address.range() === "unicast"
}

function isPublicIpv6(address: ipaddr.IPv6): boolean {
  const range = address.range()
  const p = address.parts
  const v4 = (hi: number, lo: number) => new ipaddr.IPv4([hi >> 8, hi & 255, lo >> 8, lo & 255])
  switch (range) {
    case "ipv4Mapped":
      return isPublicIpv4(address.toIPv4Address())
    case "rfc6052":
      return address.match(NAT64_WELL_KNOWN, 96) && isPublicIpv4(v4(p[6], p[7]))
    case "6to4":
      return isPublicIpv4(v4(p[1], p[2]))
    case "unicast":
      return address.match(GLOBAL_UNICAST, 3)
    default:
      return false
  }
}
