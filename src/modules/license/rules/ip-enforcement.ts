import type { CallerIdentity } from "./identity"

/**
 * Which identity of a caller counts toward a product's activation cap (docs/product-controls.md
 * "IP enforcement"). Whether the cap applies at all is the product's `enforce_activation_limit`.
 * - `domain_or_ip` (default): a machine fingerprint, else the domain, else the client IP.
 * - `domain_only`: a call must name its domain (else `domain_required`); the slot is the domain's,
 *   or the machine's when a fingerprint is sent too (a machine is finer than its domain).
 * - `ip_only`: the client IP counts, whatever else is sent; the domain (or the machine's name)
 *   is recorded as the slot's name.
 */
export const IpEnforcement = { DOMAIN_OR_IP: "domain_or_ip", DOMAIN_ONLY: "domain_only", IP_ONLY: "ip_only" } as const
export type IpEnforcement = (typeof IpEnforcement)[keyof typeof IpEnforcement]
export const IP_ENFORCEMENTS = [IpEnforcement.DOMAIN_OR_IP, IpEnforcement.DOMAIN_ONLY, IpEnforcement.IP_ONLY] as const

/** The caller as the product's mode counts it, or "domain_required"; the same object when nothing changes. */
export function enforcedCaller<T extends CallerIdentity & { ip: string }>(mode: IpEnforcement, caller: T): T | "domain_required" {
  switch (mode) {
    case IpEnforcement.DOMAIN_ONLY:
      return caller.domain ? caller : "domain_required"
    case IpEnforcement.IP_ONLY:
      return caller.identity.kind === "ip"
        ? caller
        : { ...caller, identity: { kind: "ip", value: caller.ip }, name: caller.name ?? caller.domain }
    default:
      return caller
  }
}
