import { formatDate, formatMaxActivations } from "./format"
import { shortFingerprint } from "./activations"
import type { AdminLicenseEvent } from "./types"

type Data = Record<string, unknown>

const text = (value: unknown) => (value === null || value === undefined || value === "" ? null : String(value))

const expiry = (value: unknown) => (value ? formatDate(String(value)) : "lifetime")

const FIELD_LABELS: Record<string, string> = {
  expires_at: "Expiry",
  max_activations: "Max activations",
  notes: "Notes",
  version_mode: "Version gating",
  version_pinned: "Pinned version",
  version_range: "Version range",
  custom_data: "Custom data",
  blocked_domains: "Blocked domains",
  blocked_ips: "Blocked IPs",
}

function changeText(field: string, change: { from?: unknown; to?: unknown }) {
  const show = (value: unknown) => {
    if (field === "expires_at") {
      return expiry(value)
    }
    if (field === "max_activations") {
      return formatMaxActivations(Number(value))
    }
    if (field === "version_mode" && value === null) {
      return "follows the product"
    }
    if (Array.isArray(value)) {
      return value.length ? value.join(", ") : "(none)"
    }
    if (value !== null && typeof value === "object") {
      return JSON.stringify(value)
    }
    return text(value) === null ? "(empty)" : `"${String(value)}"`
  }
  return `${FIELD_LABELS[field] ?? field}: ${show(change.from)} → ${show(change.to)}`
}

const identity = (data: Data) => {
  const identifier = text(data.identifier) ?? text(data.last_identity)
  if (!identifier) {
    return null
  }
  if (data.kind === "machine") {
    const name = text(data.name)
    return `Machine ${name ? `${name} (${shortFingerprint(identifier)})` : shortFingerprint(identifier)}`
  }
  return `${data.kind === "ip" ? "IP" : "Domain"} ${identifier}`
}

/** One line that says what an event changed, from its data. */
export function eventDetails(event: AdminLicenseEvent): string {
  const data = (event.data ?? {}) as Data
  const parts: (string | null)[] = []
  switch (event.type) {
    case "issued":
      parts.push(
        `Max activations ${formatMaxActivations(Number(data.max_activations ?? 0))}`,
        `expires ${expiry(data.expires_at)}`
      )
      break
    case "activated":
      parts.push(identity(data), text(data.ip) ? `from ${data.ip}` : null)
      if (data.activations_used !== undefined) {
        parts.push(`${data.activations_used} / ${formatMaxActivations(Number(data.max_activations ?? 0))} in use`)
      }
      break
    case "activation_refused": {
      const reason = text(data.reason)
      const count = Number(data.count ?? 1)
      parts.push(
        reason ? reason.replace(/_/g, " ") : null,
        text(data.last_identity) ? `last: ${data.last_identity}` : null,
        count > 1 ? `${count} times` : null
      )
      break
    }
    case "deactivated":
      parts.push(
        identity(data),
        data.activations_used !== undefined ? `${data.activations_used} in use after` : null,
        data.override === true ? "override (not counted against the deactivation budget)" : null
      )
      break
    case "reset":
      parts.push(data.released !== undefined ? `${data.released} slot(s) freed` : null)
      break
    case "revoked":
    case "suspended":
    case "reinstated":
      parts.push(text(data.reason) ? `Reason: ${data.reason}` : null)
      break
    case "transferred":
      parts.push(
        text(data.from_email) || text(data.to_email)
          ? `${text(data.from_email) ?? "(no owner)"} → ${text(data.to_email) ?? "(unknown)"}`
          : null,
        text(data.note) ? `Note: ${data.note}` : null,
        Number(data.released ?? 0) > 0 ? `${data.released} slot(s) freed` : null
      )
      break
    case "updated": {
      const changes = (data.changes ?? {}) as Record<string, { from?: unknown; to?: unknown }>
      parts.push(...Object.entries(changes).map(([field, change]) => changeText(field, change)))
      break
    }
  }
  return parts.filter(Boolean).join(" · ")
}

/** Newest first; events of one transaction share a timestamp, so the id breaks ties. */
export const byNewest = (a: AdminLicenseEvent, b: AdminLicenseEvent) =>
  new Date(b.created_at).getTime() - new Date(a.created_at).getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0)
