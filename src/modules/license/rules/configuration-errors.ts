import semver from "semver"
import type { LicenseControls } from "./license-controls"
import { normaliseVersion, type VersionPolicy } from "./version-gate"
import { ConfigurationProblem, VerifyCode } from "./verify-answers"

/** Whether a required product API key cannot be checked because the product has none. */
export function apiKeyMissing(controls: Pick<LicenseControls, "requireApiKey" | "apiKeyHash">): boolean {
  return controls.requireApiKey && !controls.apiKeyHash
}

/** Whether a pinned version or a range rule parses (mode `off` always does). */
export function versionRuleParses(policy: VersionPolicy): boolean {
  switch (policy.mode) {
    case "off":
      return true
    case "pinned":
      return policy.pinned !== null && normaliseVersion(policy.pinned) !== null
    case "range":
      return policy.range !== null && policy.range.trim() !== "" && semver.validRange(policy.range.trim()) !== null
    default:
      return false
  }
}

/**
 * The configuration problem behind a verify, given the refusal the ordinary checks found
 * (null = may be valid). A product mismatch is answered as such (the key is not this
 * product's); the version rule is parsed only when the version check refused, so a valid
 * answer costs no parsing here.
 */
export function configurationProblem(
  controls: Pick<LicenseControls, "requireApiKey" | "apiKeyHash" | "productDeleted" | "version">,
  refusal: VerifyCode | null
): ConfigurationProblem | null {
  if (refusal === VerifyCode.PRODUCT_MISMATCH) {
    return null
  }
  if (controls.productDeleted) {
    return ConfigurationProblem.PRODUCT_DELETED
  }
  if (apiKeyMissing(controls)) {
    return ConfigurationProblem.API_KEY_MISSING
  }
  if (refusal === VerifyCode.VERSION_NOT_ALLOWED && !versionRuleParses(controls.version)) {
    return ConfigurationProblem.VERSION_RULE_INVALID
  }
  return null
}
