import type { EffectiveLicenseStatus } from "../types"
import { isDiscordId } from "./discord-id"

export type LicenseSearch = {
  /** A full key (any format), the key's last group, a customer e-mail, a Discord user id, or an order display id. */
  q?: string
  status?: EffectiveLicenseStatus | EffectiveLicenseStatus[]
  customer_id?: string | string[]
  order_id?: string | string[]
  product_id?: string | string[]
  variant_id?: string | string[]
  /** Licenses whose expiry falls within the next N days (not already expired). */
  expiring_within_days?: number
}

type Filter = Record<string, unknown>

/** The stored-column condition for each status a person sees. */
function statusFilter(status: EffectiveLicenseStatus, now: Date): Filter {
  switch (status) {
    case "expired":
      return { status: "active", expires_at: { $lte: now }, $or: [{ grace_ends_at: null }, { grace_ends_at: { $lte: now } }] }
    case "grace":
      // Past expires_at, before grace_ends_at (kept by a trigger; rules/expiry.ts).
      return { status: "active", expires_at: { $lte: now }, grace_ends_at: { $gt: now } }
    case "active":
      return { status: "active", $or: [{ expires_at: null }, { expires_at: { $gt: now } }] }
    default:
      return { status }
  }
}

/**
 * Builds the ORM filters for a license search. `hashKey` turns a typed key into
 * its lookup hash (null when the text is not a well-formed key). license-search-sql.ts
 * says the same in SQL for the export: a change here belongs there too.
 */
export function buildLicenseFilters(
  search: LicenseSearch,
  hashKey: (input: string) => string | null,
  now: Date = new Date()
): Filter {
  const and: Filter[] = []
  for (const column of ["customer_id", "order_id", "product_id", "variant_id"] as const) {
    if (search[column]?.length) {
      and.push({ [column]: search[column] })
    }
  }
  const statuses = search.status === undefined ? [] : Array.isArray(search.status) ? search.status : [search.status]
  if (statuses.length) {
    and.push({ $or: statuses.map((s) => statusFilter(s, now)) })
  }
  if (search.expiring_within_days !== undefined) {
    const until = new Date(now.getTime() + search.expiring_within_days * 24 * 60 * 60 * 1000)
    and.push({ status: "active", expires_at: { $gt: now, $lte: until } })
  }
  const q = search.q?.trim()
  if (q) {
    const keyHash = hashKey(q)
    if (keyHash) {
      // A whole well-formed key names one license: its hash is the only match worth reading
      // (no e-mail, last group or order number looks like a full key with a valid check symbol).
      and.push({ key_hash: keyHash })
      return { $and: and }
    }
    const or: Filter[] = [{ key_hint: q.toUpperCase() }, { customer_email: { $ilike: `%${q}%` } }]
    if (isDiscordId(q)) {
      or.push({ customer_discord_id: q })
    }
    const displayId = q.replace(/^#/, "")
    if (/^\d{1,9}$/.test(displayId)) {
      or.push({ order_display_id: Number(displayId) })
    }
    and.push({ $or: or })
  }
  return and.length ? { $and: and } : {}
}
