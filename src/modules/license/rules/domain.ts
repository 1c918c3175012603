import { isIP } from "node:net"
import { domainToASCII } from "node:url"
import { normaliseIp } from "./client-ip"

const MAX_DOMAIN_LENGTH = 253
const LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/

/**
 * The canonical form of the domain an installed product reports: lowercase,
 * without scheme, credentials, path, query, port or trailing dot, IDN in
 * punycode (`Bücher.Example.` -> `xn--bcher-kva.example`). An IP literal is
 * kept as its canonical IP. Null when nothing usable is left.
 */
export function normaliseDomain(input: string): string | null {
  let host = input.trim().toLowerCase()
  host = host.replace(/^[a-z][a-z0-9+.-]*:\/\//, "").replace(/^\/\//, "")
  host = host.split(/[/?#\\]/, 1)[0]
  host = host.slice(host.lastIndexOf("@") + 1)
  if (host.startsWith("[")) {
    const ip = normaliseIp(host)
    return ip && isIP(ip) === 6 ? ip : null
  }
  if (isIP(host) === 6) {
    return normaliseIp(host)
  }
  const colon = host.lastIndexOf(":")
  if (colon >= 0) {
    if (!/^\d{0,5}$/.test(host.slice(colon + 1))) {
      return null
    }
    host = host.slice(0, colon)
  }
  host = host.replace(/\.+$/, "")
  if (!host) {
    return null
  }
  if (isIP(host) === 4) {
    return host
  }
  const ascii = domainToASCII(host)
  if (!ascii || ascii.length > MAX_DOMAIN_LENGTH) {
    return null
  }
  return ascii.split(".").every((label) => LABEL.test(label)) ? ascii : null
}
