import type { AdminLicense } from "./types"

export const statusColor: Record<AdminLicense["status"], "green" | "orange" | "red" | "grey"> = {
  active: "green",
  expired: "grey",
  suspended: "orange",
  revoked: "red",
}

export const statusLabel: Record<AdminLicense["status"], string> = {
  active: "Active",
  expired: "Expired",
  suspended: "Suspended",
  revoked: "Revoked",
}

export const formatExpiry = (expiresAt: string | null) =>
  expiresAt ? new Date(expiresAt).toLocaleDateString() : "Lifetime"

export const formatActivations = (license: Pick<AdminLicense, "activations_used" | "max_activations">) =>
  `${license.activations_used} / ${license.max_activations === 0 ? "Unlimited" : license.max_activations}`
