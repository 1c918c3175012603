import type { LicenseStatus, StoreLicense, StoreLicenseActivation, StoreLicenseTransferStatus } from "./types"

const dateFormat = new Intl.DateTimeFormat("en-US", { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" })

export const formatDate = (iso: string) => dateFormat.format(new Date(iso))

export const STATUS_LABEL: Record<LicenseStatus, string> = {
  active: "Active",
  expired: "Expired",
  suspended: "Suspended",
  revoked: "Revoked",
  grace: "Expired: renew now",
}

export const STATUS_COLOR: Record<LicenseStatus, "green" | "orange" | "red" | "grey"> = {
  active: "green",
  expired: "orange",
  suspended: "orange",
  revoked: "red",
  grace: "orange",
}

/** "Expires on May 1, 2027", "Expired on ...", "Runs 30 days from its first activation", or "Lifetime license". */
export function expiryLabel(license: Pick<StoreLicense, "expires_at" | "status"> & Partial<Pick<StoreLicense, "activation_term_days" | "grace_ends_at">>): string {
  if (!license.expires_at && license.activation_term_days) return `Runs ${license.activation_term_days} days from its first activation`
  if (!license.expires_at) return "Lifetime license"
  if (license.status === "grace" && license.grace_ends_at) {
    return `Expired on ${formatDate(license.expires_at)}; keeps working until ${formatDate(license.grace_ends_at)}`
  }
  const past = new Date(license.expires_at).getTime() <= Date.now() || license.status === "expired" || license.status === "grace"
  return `${past ? "Expired on" : "Expires on"} ${formatDate(license.expires_at)}`
}

/** "2 / 5", or "2 / unlimited" when the license has no limit (0). */
export const activationsLabel = (license: Pick<StoreLicense, "activations_used" | "max_activations">) =>
  `${license.activations_used} / ${license.max_activations === 0 ? "unlimited" : license.max_activations}`

/** A fingerprint as shown: its first 8 and last 4 characters (the app's own value is long and opaque). */
export const shortFingerprint = (fingerprint: string) =>
  fingerprint.length <= 16 ? fingerprint : `${fingerprint.slice(0, 8)}…${fingerprint.slice(-4)}`

/** What holds a slot, as the customer recognises it: a machine by its name, else the domain or IP. */
export function activationTitle(activation: Pick<StoreLicenseActivation, "kind" | "identifier" | "name">): string {
  if (activation.kind !== "machine") return activation.identifier
  return activation.name ?? `Machine ${shortFingerprint(activation.identifier)}`
}

/** "Machine · a1b2c3d4…ef01", "Domain" or "IP address". */
export function activationKindLabel(activation: Pick<StoreLicenseActivation, "kind" | "identifier">): string {
  if (activation.kind === "machine") return `Machine · ${shortFingerprint(activation.identifier)}`
  return activation.kind === "ip" ? "IP address" : "Domain"
}

export const licenseTitle = (license: Pick<StoreLicense, "product_title">) => license.product_title ?? "License"

export const TRANSFER_LABEL: Record<StoreLicenseTransferStatus, string> = {
  pending: "waiting for the store's approval",
  awaiting_claim: "approved: a claim link was sent to the recipient",
  approved: "completed",
  denied: "denied by the store",
  canceled: "withdrawn",
  expired: "expired",
}
