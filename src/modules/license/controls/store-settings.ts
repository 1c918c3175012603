import { MedusaError } from "@medusajs/framework/utils"
import { BUILT_IN_LOCAL_RULES, MAX_LOCAL_PATTERNS, normaliseLocalPattern } from "../rules/local-sites"
import type LicenseModuleService from "../service"
import { readLocalSitePatterns, writeLocalSitePatterns } from "../sql/store-settings"

/**
 * Store-wide licensing settings (docs/verify-api.md "Local and staging sites"): the
 * store's own local and staging site patterns, beside the built-in rules.
 */
export type LicenseStoreSettings = {
  /** The store's patterns, in stored form (lowercase, punycode, `*.` for any subdomain). */
  local_site_patterns: string[]
  /** The built-in rules, always on: for display. */
  built_in_local_rules: readonly string[]
}

/** The store's settings, read on the shared pool (bound onto the service). */
export async function getLicenseStoreSettings(this: LicenseModuleService): Promise<LicenseStoreSettings> {
  return { local_site_patterns: await readLocalSitePatterns(this.pgConnection_()), built_in_local_rules: BUILT_IN_LOCAL_RULES }
}

/**
 * Replaces the store's local and staging site patterns (each normalised; duplicates
 * dropped; an unusable one is a 400 naming it). Answers the saved settings and the
 * patterns they replaced (for a workflow's compensation).
 */
export async function updateLicenseStoreSettings(
  this: LicenseModuleService,
  update: { local_site_patterns: string[] }
): Promise<LicenseStoreSettings & { previous_local_site_patterns: string[] }> {
  const patterns: string[] = []
  for (const input of update.local_site_patterns) {
    const pattern = normaliseLocalPattern(input)
    if (!pattern) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `"${input.slice(0, 100)}" is not a usable local site pattern: use a host name (preview.shop.com) or *. and a domain with at least one dot (*.wpengine.com)`
      )
    }
    if (!patterns.includes(pattern)) {
      patterns.push(pattern)
    }
  }
  if (patterns.length > MAX_LOCAL_PATTERNS) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `At most ${MAX_LOCAL_PATTERNS} local site patterns`)
  }
  // One short transaction on the shared pool: the row lock, the read of what it replaces, the write.
  const { previous, saved } = await this.pgConnection_().transaction((trx) => writeLocalSitePatterns(trx, patterns))
  return { local_site_patterns: saved, built_in_local_rules: BUILT_IN_LOCAL_RULES, previous_local_site_patterns: previous }
}
