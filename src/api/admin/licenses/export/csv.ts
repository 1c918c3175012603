import type { LicenseExportRow } from "../../../../modules/license/sql/license-export"
import { effectiveLicenseStatus } from "../../../../modules/license/rules/license-status"

/** The export's columns: what the list shows, plus the order and creation date. */
export const LICENSE_CSV_COLUMNS = [
  "license_key",
  "customer_email",
  "customer_id",
  "customer_discord_id",
  "product",
  "variant",
  "expires_at",
  "max_activations",
  "activations_used",
  "status",
  "order_id",
  "order_display_id",
  "created_at",
  "id",
] as const

const iso = (value: Date | string | null | undefined) => (value ? new Date(value).toISOString() : "")

/**
 * One CSV field (RFC 4180). Text that a spreadsheet would run as a formula
 * (= + - @ tab CR at the start) is prefixed with a quote mark.
 */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) {
    return ""
  }
  let text = String(value)
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) {
    text = `'${text}`
  }
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

export const csvLine = (fields: (string | number | null | undefined)[]) => fields.map(csvField).join(",") + "\r\n"

/** One license as a CSV line; `key` is its full key. */
export function licenseCsvLine(license: LicenseExportRow, key: string, now: Date): string {
  const row: Record<(typeof LICENSE_CSV_COLUMNS)[number], string | number | null> = {
    license_key: key,
    customer_email: license.customer_email,
    customer_id: license.customer_id,
    customer_discord_id: license.customer_discord_id,
    product: license.product_title,
    variant: license.variant_title,
    expires_at: license.expires_at ? iso(license.expires_at) : "lifetime",
    max_activations: license.max_activations,
    activations_used: license.activations_used,
    status: effectiveLicenseStatus(license, now),
    order_id: license.order_id,
    order_display_id: license.order_display_id,
    created_at: iso(license.created_at),
    id: license.id,
  }
  return csvLine(LICENSE_CSV_COLUMNS.map((column) => row[column]))
}
