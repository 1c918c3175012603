import type { LicenseStatus, StoreLicense } from "./api"

const dateFormat = (locale?: string) => new Intl.DateTimeFormat(locale, { year: "numeric", month: "long", day: "numeric" })

export function formatDate(iso: string, locale?: string): string {
  return dateFormat(locale).format(new Date(iso))
}

export function formatDateTime(iso: string, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso))
}

/** "Lifetime", "Expires on March 12, 2027" or "Expired". */
export function expiryLabel(license: Pick<StoreLicense, "expires_at">, locale?: string, now = new Date()): string {
  if (!license.expires_at) {
    return "Lifetime"
  }
  if (new Date(license.expires_at).getTime() <= now.getTime()) {
    return "Expired"
  }
  return `Expires on ${formatDate(license.expires_at, locale)}`
}

/** "2 / 5" or "2 / Unlimited". */
export function activationsLabel(license: Pick<StoreLicense, "activations_used" | "max_activations">): string {
  return `${license.activations_used} / ${license.max_activations === 0 ? "Unlimited" : license.max_activations}`
}

/** The same, as a sentence for screen readers. */
export function activationsDescription(license: Pick<StoreLicense, "activations_used" | "max_activations">): string {
  return license.max_activations === 0
    ? `${license.activations_used} activations used, unlimited allowed`
    : `${license.activations_used} of ${license.max_activations} activations used`
}

export const STATUS_LABELS: Record<LicenseStatus, string> = {
  active: "Active",
  expired: "Expired",
  suspended: "Suspended",
  revoked: "Revoked",
}

export function productLabel(license: Pick<StoreLicense, "product_title" | "variant_title">): string {
  return license.product_title ?? "License"
}
