import type { LicenseDTO } from "../../modules/license"
import { effectiveLicenseStatus } from "../../modules/license/rules/license-status"
import type LicenseModuleService from "../../modules/license/service"

/**
 * A license as the admin and its owner see it: the full key instead of its
 * hash and ciphertext, and the status a person expects (expired is derived).
 */
export function presentLicense(license: LicenseDTO, licenseModule: LicenseModuleService, now = new Date()) {
  const { key_hash: _hash, key_encrypted: _encrypted, activations, events, ...rest } = license as LicenseDTO & {
    activations?: unknown
    events?: unknown
  }
  return {
    ...rest,
    key: licenseModule.revealKey(license),
    status: effectiveLicenseStatus(license, now),
    ...(activations !== undefined ? { activations } : {}),
    ...(events !== undefined ? { events } : {}),
  }
}
