import type { AdminLicenseActivation } from "./types"

/** A fingerprint as shown: its first 8 and last 4 characters (the full one is in the cell's tooltip). */
export const shortFingerprint = (fingerprint: string) =>
  fingerprint.length <= 16 ? fingerprint : `${fingerprint.slice(0, 8)}…${fingerprint.slice(-4)}`

/** What holds a slot, as people name it: a machine by its name (or its short fingerprint), else the domain or IP. */
export function activationTitle(activation: Pick<AdminLicenseActivation, "kind" | "identifier" | "name">): string {
  if (activation.kind !== "machine") {
    return activation.identifier
  }
  return activation.name ?? `Machine ${shortFingerprint(activation.identifier)}`
}

export const ACTIVATION_KIND_LABEL: Record<AdminLicenseActivation["kind"], string> = { domain: "Domain", ip: "IP", machine: "Machine" }
