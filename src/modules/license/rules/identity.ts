import type { ActivationKind } from "../types"
import { normaliseDomain } from "./domain"
import { fingerprintProblem, machineName, machineNameProblem } from "./fingerprint"

/**
 * Who holds an activation slot (docs/verify-api.md "Who the caller is"): the
 * machine when the app sends a fingerprint, else the domain it reports, else
 * its client IP. `local` is set in answers to a local or staging site that
 * verified without a slot (rules/local-sites.ts).
 */
export type VerifyIdentity = { kind: ActivationKind; value: string; local?: boolean }

/** The identity and what else the caller reported: its normalised domain (also beside a fingerprint) and a machine's name. */
export type CallerIdentity = { identity: VerifyIdentity; domain: string | null; name: string | null }

/** A reported identity that cannot be used: a 400 invalid_request with this message. */
export class InvalidDomainError extends Error {
  constructor(message = "domain is not a valid domain name") {
    super(message)
  }
}

type Reported = { fingerprint?: string | null; domain?: string | null; name?: string | null }

const given = (value: string | null | undefined): value is string => typeof value === "string" && value.trim() !== ""

/**
 * The caller's identity, by precedence: fingerprint (kind `machine`), then
 * domain, then IP. An empty field counts as absent; an unusable domain,
 * fingerprint or name is a request error (InvalidDomainError).
 */
export function resolveCaller(reported: Reported, ip: string): CallerIdentity {
  let domain: string | null = null
  if (given(reported.domain)) {
    domain = normaliseDomain(reported.domain)
    if (!domain) {
      throw new InvalidDomainError()
    }
  }
  if (typeof reported.fingerprint === "string" && reported.fingerprint !== "") {
    const problem = fingerprintProblem(reported.fingerprint)
    if (problem) {
      throw new InvalidDomainError(problem)
    }
    const nameProblem = typeof reported.name === "string" ? machineNameProblem(reported.name) : null
    if (nameProblem) {
      throw new InvalidDomainError(nameProblem)
    }
    return { identity: { kind: "machine", value: reported.fingerprint }, domain, name: machineName(reported.name) }
  }
  return { identity: domain ? { kind: "domain", value: domain } : { kind: "ip", value: ip }, domain, name: null }
}

/** Empty or absent domain = identify by IP; an unusable domain is a request error. */
export function resolveIdentity(domain: string | null | undefined, ip: string): VerifyIdentity {
  return resolveCaller({ domain }, ip).identity
}
