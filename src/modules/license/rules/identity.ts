import type { ActivationKind } from "../types"
import { normaliseDomain } from "./domain"

/** Who holds an activation slot: a domain when the product reports one, else its client IP. */
export type VerifyIdentity = { kind: ActivationKind; value: string }

export class InvalidDomainError extends Error {
  constructor() {
    super("domain is not a valid domain name")
  }
}

/** Empty or absent domain = identify by IP; an unusable domain is a request error. */
export function resolveIdentity(domain: string | null | undefined, ip: string): VerifyIdentity {
  if (domain === undefined || domain === null || domain.trim() === "") {
    return { kind: "ip", value: ip }
  }
  const normalised = normaliseDomain(domain)
  if (!normalised) {
    throw new InvalidDomainError()
  }
  return { kind: "domain", value: normalised }
}
