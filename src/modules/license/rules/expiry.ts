/**
 * Expiry strategies, grace periods and the expiry basis of a license (docs/renewals-and-upgrades.md
 * "Expiry, grace and trials"). Pure: every function takes the clock as an argument.
 */

export const ExpiryStrategy = {
  /** Today's behaviour: past its expiry (and grace) the key answers `expired`. */
  REVOKE_ACCESS: "revoke_access",
  /** The key keeps verifying after expiry; it gets no release published after its expiry (releaseCutoff). */
  MAINTAIN_ACCESS: "maintain_access",
} as const
export type ExpiryStrategy = (typeof ExpiryStrategy)[keyof typeof ExpiryStrategy]

export const ExpiryBasis = {
  /** The term starts when the key is issued. */
  FROM_ISSUANCE: "from_issuance",
  /** The term starts when the key's first activation takes a slot; until then expires_at is unset. */
  FROM_FIRST_ACTIVATION: "from_first_activation",
} as const
export type ExpiryBasis = (typeof ExpiryBasis)[keyof typeof ExpiryBasis]

/** The longest grace period a policy may give (the database checks it too). */
export const MAX_GRACE_DAYS = 365

const DAY_MS = 24 * 60 * 60 * 1000

type Instant = Date | string | null | undefined
const time = (value: Instant) => (value ? new Date(value).getTime() : null)

/** What a license's expiry rules read: the stored columns (grace_ends_at is kept by a trigger from expires_at + grace_days). */
export type ExpiryFacts = {
  expires_at: Instant
  grace_ends_at?: Instant
  expiry_strategy?: ExpiryStrategy | string | null
}

/**
 * Where a license stands at `now`: `running` before its expiry (or with none),
 * `grace` from its expiry until grace_ends_at (exclusive), `expired` after that.
 */
export type ExpiryPhase = "running" | "grace" | "expired"

export function expiryPhase(license: ExpiryFacts, now: Date): ExpiryPhase {
  const expires = time(license.expires_at)
  if (expires === null || expires > now.getTime()) {
    return "running"
  }
  const graceEnds = time(license.grace_ends_at)
  return graceEnds !== null && graceEnds > now.getTime() ? "grace" : "expired"
}

/** Whether a license past its expiry still verifies `valid`: during grace, and forever with maintain_access. */
export function expiryKeepsAccess(license: ExpiryFacts, now: Date): boolean {
  switch (expiryPhase(license, now)) {
    case "running":
    case "grace":
      return true
    case "expired":
      return license.expiry_strategy === ExpiryStrategy.MAINTAIN_ACCESS
  }
}

/** The end of a grace period of `graceDays` after `expiresAt` (what the database trigger stores); null = no grace. */
export function graceEndsAt(expiresAt: Instant, graceDays: number | null | undefined): Date | null {
  const expires = time(expiresAt)
  return expires !== null && graceDays && graceDays > 0 ? new Date(expires + graceDays * DAY_MS) : null
}

/**
 * The release cut-off of a license, for software delivery: a license is
 * entitled to the releases published at or before this instant, and to none
 * published after it. It is the expiry itself, whatever the strategy: before
 * the expiry every release published so far is covered; during grace and,
 * with maintain_access, forever after, the key keeps verifying but gets no
 * release published after its expiry. Null = no cut-off (a lifetime key, or a
 * first-activation key whose term has not started).
 */
export function releaseCutoff(license: Pick<ExpiryFacts, "expires_at">): Date | null {
  const expires = time(license.expires_at)
  return expires === null ? null : new Date(expires)
}

/** Whether a release published at `publishedAt` is covered by the license (see releaseCutoff). */
export function releaseCovered(license: Pick<ExpiryFacts, "expires_at">, publishedAt: Date): boolean {
  const cutoff = releaseCutoff(license)
  return cutoff === null || publishedAt.getTime() <= cutoff.getTime()
}

/**
 * The expiry a key gets at issuance: an explicit expires_at wins; a term
 * counted from issuance ends `term_days` after `now`; a term counted from the
 * first activation leaves expires_at unset and keeps the term in
 * activation_term_days, which the first slot taken turns into an expiry
 * (sql/activations.ts#takeActivationSlot). No term = lifetime.
 */
export function expiryOnIssue(
  unit: { expires_at?: Date | null; term_days?: number | null; expiry_basis?: ExpiryBasis | null },
  now: Date
): { expires_at: Date | null; activation_term_days: number | null } {
  if (unit.expires_at !== undefined) {
    return { expires_at: unit.expires_at, activation_term_days: null }
  }
  if (!unit.term_days) {
    return { expires_at: null, activation_term_days: null }
  }
  if (unit.expiry_basis === ExpiryBasis.FROM_FIRST_ACTIVATION) {
    return { expires_at: null, activation_term_days: unit.term_days }
  }
  return { expires_at: new Date(now.getTime() + unit.term_days * DAY_MS), activation_term_days: null }
}
