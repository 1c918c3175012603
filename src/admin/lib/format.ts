import type { AdminLicense, AdminLicenseEvent, LicenseStatus } from "./types"

export const statusColor: Record<LicenseStatus, "green" | "orange" | "red" | "grey"> = {
  active: "green",
  expired: "grey",
  suspended: "orange",
  revoked: "red",
  grace: "orange",
}

export const statusLabel: Record<LicenseStatus, string> = {
  active: "Active",
  expired: "Expired",
  suspended: "Suspended",
  revoked: "Revoked",
  grace: "In grace",
}

export const formatDate = (value: string | null | undefined) =>
  value ? new Date(value).toLocaleDateString(undefined, { year: "numeric", month: "short", day: "numeric" }) : "-"

export const formatDateTime = (value: string | null | undefined) =>
  value
    ? new Date(value).toLocaleString(undefined, {
        year: "numeric",
        month: "short",
        day: "numeric",
        hour: "2-digit",
        minute: "2-digit",
      })
    : "-"

export const formatExpiry = (expiresAt: string | null) => (expiresAt ? formatDate(expiresAt) : "Lifetime")

export const isExpired = (expiresAt: string | null, now = Date.now()) =>
  !!expiresAt && new Date(expiresAt).getTime() <= now

export const formatMaxActivations = (max: number) => (max === 0 ? "Unlimited" : String(max))

export const formatActivations = (license: Pick<AdminLicense, "activations_used" | "max_activations">) =>
  `${license.activations_used} / ${formatMaxActivations(license.max_activations)}`

export const formatProduct = (license: Pick<AdminLicense, "product_title" | "variant_title">) =>
  [license.product_title, license.variant_title].filter(Boolean).join(" · ") || "-"

export const formatOrder = (license: Pick<AdminLicense, "order_id" | "order_display_id">) =>
  license.order_display_id ? `#${license.order_display_id}` : license.order_id ?? "-"

export const eventLabel: Record<AdminLicenseEvent["type"], string> = {
  issued: "Issued",
  activated: "Activated",
  activation_refused: "Activation refused",
  deactivated: "Slot freed",
  reset: "All slots freed",
  revoked: "Revoked",
  suspended: "Suspended",
  reinstated: "Reinstated",
  updated: "Edited",
  transferred: "Transferred",
  trial_converted: "Trial converted to a paid key",
  trial_conversion_rolled_back: "Trial conversion rolled back (refund)",
  upgraded: "Upgraded",
  upgrade_rolled_back: "Upgrade rolled back",
}

export const actorLabel: Record<AdminLicenseEvent["actor_type"], string> = {
  system: "System",
  admin: "Admin",
  customer: "Customer",
  installed_product: "Installed product",
}
