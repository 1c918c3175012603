import { MedusaError } from "@medusajs/framework/utils"

/**
 * Entitlements (docs/entitlements-and-license-files.md): named feature codes such as
 * `pro-export` on a policy and on a license. A key's entitlements are a snapshot, as the
 * policy's other fields are: the policy's codes are copied onto the key at issuance, the
 * admin adds or removes codes on the key afterwards (also codes that came from the
 * policy), and the Verify lookup reads the key's own column (no query added). Pure.
 */

/** Lower-case letters and digits in groups joined by single `-`, `_` or `.`; 2 to 64 characters. */
const ENTITLEMENT_CODE = /^[a-z0-9]+(?:[-_.][a-z0-9]+)*$/
export const ENTITLEMENT_CODE_MAX_LENGTH = 64
export const MAX_ENTITLEMENTS = 100

/** The typed 400 code of a malformed entitlement code. */
export const INVALID_ENTITLEMENT = "invalid_entitlement"

export const ENTITLEMENT_SHAPE_MESSAGE =
  "An entitlement code is 2 to 64 lower-case letters and digits in groups joined by single '-', '_' or '.' (e.g. pro-export)"

export function isEntitlementCode(value: unknown): value is string {
  return (
    typeof value === "string" &&
    value.length >= 2 &&
    value.length <= ENTITLEMENT_CODE_MAX_LENGTH &&
    ENTITLEMENT_CODE.test(value)
  )
}

/** The codes that are not well-formed (empty when all are). */
export function malformedEntitlements(codes: readonly unknown[]): string[] {
  return codes.filter((code) => !isEntitlementCode(code)).map((code) => String(code))
}

/** A set of codes as stored: distinct, sorted. */
export function entitlementSet(codes: readonly string[] | null | undefined): string[] {
  return [...new Set(codes ?? [])].sort()
}

/** A key's codes after the admin's change: `add` then `remove` (a code in both ends up removed). */
export function changeEntitlements(
  current: readonly string[] | null | undefined,
  change: { add?: readonly string[] | null; remove?: readonly string[] | null }
): string[] {
  const removed = new Set(change.remove ?? [])
  return entitlementSet([...(current ?? []), ...(change.add ?? [])].filter((code) => !removed.has(code)))
}

/**
 * The codes a verify asked for that the key lacks, in the order asked; null when it
 * asked for none or the key holds them all.
 */
export function missingEntitlements(
  held: readonly string[] | null | undefined,
  asked: readonly string[] | null | undefined
): string[] | null {
  if (!asked?.length) {
    return null
  }
  const holds = new Set(held ?? [])
  const missing = [...new Set(asked)].filter((code) => !holds.has(code))
  return missing.length ? missing : null
}

/** Checks codes from an admin's input (throws the typed 400) and returns them as stored. */
export function checkedEntitlements(codes: readonly unknown[], where = ""): string[] {
  const malformed = malformedEntitlements(codes)
  if (malformed.length) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `${INVALID_ENTITLEMENT}: ${where}${malformed.map((c) => JSON.stringify(c)).join(", ")}. ${ENTITLEMENT_SHAPE_MESSAGE}`
    )
  }
  if (codes.length > MAX_ENTITLEMENTS) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `${INVALID_ENTITLEMENT}: ${where}at most ${MAX_ENTITLEMENTS} codes`)
  }
  return entitlementSet(codes as string[])
}

/** The entitlement fields of a verify answer: the key's codes when valid or missing one; the missing codes. */
export function entitlementFields(
  code: string,
  row: { entitlements: string[] | null } | null,
  missing: string[] | null
): { entitlements: string[] | null; entitlements_missing?: string[] } {
  if (code === "entitlements_missing") {
    return { entitlements: row?.entitlements ?? [], entitlements_missing: missing ?? [] }
  }
  return { entitlements: code === "valid" ? (row?.entitlements ?? []) : null }
}
