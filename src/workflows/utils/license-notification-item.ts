import type { LicenseDTO } from "../../modules/license/service"

/** One license as a notification's data carries it (issued and transferred e-mails); `key` is the full key or its redacted form. */
export function licenseNotificationItem(license: LicenseDTO, key: string) {
  return {
    license_id: license.id,
    key,
    product_title: license.product_title,
    variant_title: license.variant_title,
    expires_at: license.expires_at,
    max_activations: license.max_activations,
  }
}
