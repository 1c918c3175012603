import { isIP } from "node:net"

/**
 * A textual IP in one canonical form (IPv4-mapped IPv6 unwrapped, IPv6
 * compressed and lowercase, brackets, ports and zone ids removed), or null.
 */
export function normaliseIp(raw: string | null | undefined): string | null {
  if (typeof raw !== "string") {
    return null
  }
  let ip = raw.trim()
  if (ip.startsWith("[")) {
    const end = ip.indexOf("]")
    if (end < 0) {
      return null
    }
    ip = ip.slice(1, end)
  } else if (/^\d{1,3}(\.\d{1,3}){3}:\d{1,5}$/.test(ip)) {
    ip = ip.slice(0, ip.lastIndexOf(":"))
  }
  const zone = ip.indexOf("%")
  if (zone >= 0) {
    ip = ip.slice(0, zone)
  }
  if (/^::ffff:\d{1,3}(\.\d{1,3}){3}$/i.test(ip)) {
    ip = ip.slice(7)
  }
  const version = isIP(ip)
  if (version === 4) {
    return ip
  }
  if (version === 6) {
    // The WHATWG URL parser serialises IPv6 in its canonical compressed form.
    return new URL(`http://[${ip}]/`).hostname.slice(1, -1)
  }
  return null
}

/**
 * The client's address. With `trustedHops` = 0 it is the socket's peer, and
 * X-Forwarded-For is ignored: anyone can write that header. With N trusted
 * reverse proxies in front of the server, each appends the address it saw, so
 * the client is the N-th entry counted from the right; entries further left
 * were written by the client itself and are never used.
 */
export function clientIp(
  remoteAddress: string | null | undefined,
  forwardedFor: string | string[] | null | undefined,
  trustedHops: number
): string | null {
  let ip = normaliseIp(remoteAddress)
  if (!ip || trustedHops <= 0 || !forwardedFor) {
    return ip
  }
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : forwardedFor)
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean)
    .reverse()
  for (let i = 0; i < trustedHops && i < hops.length; i++) {
    const next = normaliseIp(hops[i])
    if (!next) {
      break
    }
    ip = next
  }
  return ip
}

/**
 * The bucket an address is rate-limited in: the address for IPv4, its /64 for
 * IPv6 (one subscriber usually holds a whole /64, so counting single IPv6
 * addresses would be no limit at all).
 */
export function rateLimitBucket(ip: string): string {
  if (isIP(ip) !== 6) {
    return ip
  }
  const [head, tail = ""] = ip.split("::")
  const headGroups = head ? head.split(":") : []
  const tailGroups = tail ? tail.split(":") : []
  const missing = 8 - headGroups.length - tailGroups.length
  const groups = ip.includes("::") ? [...headGroups, ...Array(missing).fill("0"), ...tailGroups] : headGroups
  return `${groups.slice(0, 4).map((g) => g || "0").join(":")}::/64`
}
