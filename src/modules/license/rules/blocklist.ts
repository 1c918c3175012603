import { BlockList, isIP } from "node:net"
import { normaliseIp } from "./client-ip"
import { normaliseDomain } from "./domain"

/** A product's refusals: domains (`example.com`, `*.example.com`) and client addresses or CIDRs. */
export type BlockRules = { domains: string[]; ips: string[] }

const WILDCARD = "*."
const MAX_COMPILED_LISTS = 1000

/**
 * A domain rule in the form `normaliseDomain` gives, optionally behind a
 * wildcard that is the whole first label (`*.example.com`). A wildcard over
 * an IP literal means nothing and is refused.
 */
export function normaliseBlockedDomain(input: string): string | null {
  const trimmed = input.trim()
  if (!trimmed.startsWith(WILDCARD)) {
    return normaliseDomain(trimmed)
  }
  const parent = normaliseDomain(trimmed.slice(WILDCARD.length))
  return parent && !isIP(parent) ? WILDCARD + parent : null
}

/**
 * An address (`1.2.3.4`, `2001:db8::1`) or CIDR (`10.0.0.0/8`) in canonical
 * form: IPv6 compressed and lowercase, IPv4-mapped IPv6 addresses as IPv4.
 * Host bits after the prefix are kept as given (`10.1.2.3/8` stays so and
 * blocks all of 10.0.0.0/8).
 */
export function normaliseBlockedIp(input: string): string | null {
  const [rawAddress, rawPrefix, ...rest] = input.trim().split("/")
  // isIP alone, not normaliseIp's leniency: a rule with a port, brackets or a zone id is a typo.
  if (rest.length || isIP(rawAddress) === 0 || rawAddress.includes("%")) {
    return null
  }
  const address = unmapIpv4(normaliseIp(rawAddress)!)
  if (rawPrefix === undefined) {
    return address
  }
  const family = isIP(address)
  // ::ffff:10.0.0.0/104 would need its prefix translated; nobody writes that.
  if (!/^\d{1,3}$/.test(rawPrefix) || (family === 4 && rawAddress.includes(":"))) {
    return null
  }
  const prefix = Number(rawPrefix)
  return prefix <= (family === 4 ? 32 : 128) ? `${address}/${prefix}` : null
}

/** `::ffff:102:304` -> `1.2.3.4` (normaliseIp already unwraps the dotted form). */
function unmapIpv4(ip: string): string {
  const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(ip)
  if (!mapped) {
    return ip
  }
  const high = parseInt(mapped[1], 16)
  const low = parseInt(mapped[2], 16)
  return [high >> 8, high & 255, low >> 8, low & 255].join(".")
}

type CompiledDomains = { exact: Set<string>; wildcardParents: Set<string> }

// Rule lists are few and change rarely; compiling them once per distinct list
// keeps every verify to a few Set lookups. The key is the list joined by "\n",
// and the list is compiled from that key, so one key always means one rule set.
const compiledDomains = new Map<string, CompiledDomains>()
const compiledIps = new Map<string, BlockList>()

function cached<T>(cache: Map<string, T>, key: string, compile: (rules: string[]) => T): T {
  let compiled = cache.get(key)
  if (compiled === undefined) {
    if (cache.size >= MAX_COMPILED_LISTS) {
      cache.delete(cache.keys().next().value as string)
    }
    compiled = compile(key.split("\n"))
    cache.set(key, compiled)
  }
  return compiled
}

function compileDomains(rules: string[]): CompiledDomains {
  const compiled: CompiledDomains = { exact: new Set(), wildcardParents: new Set() }
  for (const rule of rules) {
    const domain = normaliseBlockedDomain(rule)
    if (domain?.startsWith(WILDCARD)) {
      compiled.wildcardParents.add(domain.slice(WILDCARD.length))
    } else if (domain) {
      compiled.exact.add(domain)
    }
  }
  return compiled
}

function compileIps(rules: string[]): BlockList {
  const list = new BlockList()
  for (const rule of rules) {
    const normalised = normaliseBlockedIp(rule)
    if (!normalised) {
      continue
    }
    const [address, prefix] = normalised.split("/")
    const family = isIP(address) === 4 ? "ipv4" : "ipv6"
    if (prefix === undefined) {
      list.addAddress(address, family)
    } else {
      list.addSubnet(address, Number(prefix), family)
    }
  }
  return list
}

function domainBlocked(domains: CompiledDomains, domain: string): boolean {
  if (domains.exact.has(domain)) {
    return true
  }
  if (domains.wildcardParents.size === 0) {
    return false
  }
  for (let dot = domain.indexOf("."); dot >= 0; dot = domain.indexOf(".", dot + 1)) {
    if (domains.wildcardParents.has(domain.slice(dot + 1))) {
      return true
    }
  }
  return false
}

/**
 * Whether a verify is refused. Domain rules apply to a domain identity
 * (already normalised by resolveCaller; a machine that also reports its
 * domain is checked as that domain, rules/verify-rules.ts); address rules apply to the
 * client's `ip` whatever the identity, so an IP identity is covered by them.
 * Rules are normalised again when compiled; invalid ones are ignored.
 */
export function isBlocked(rules: BlockRules, identity: { kind: "domain" | "ip" | "machine"; value: string }, ip: string): boolean {
  if (rules.domains.length === 0 && rules.ips.length === 0) {
    return false
  }
  if (identity.kind === "domain" && rules.domains.length > 0) {
    if (domainBlocked(cached(compiledDomains, rules.domains.join("\n"), compileDomains), identity.value)) {
      return true
    }
  }
  if (rules.ips.length > 0) {
    const family = isIP(ip)
    if (family !== 0) {
      return cached(compiledIps, rules.ips.join("\n"), compileIps).check(ip, family === 4 ? "ipv4" : "ipv6")
    }
  }
  return false
}
