import type { EffectiveLicenseStatus } from "../types"
import { isDiscordId } from "./discord-id"
import type { LicenseSearch } from "./license-filters"

/**
 * A license search as a SQL condition on the `license` table, for the statements that read licenses without the
 * ORM (the CSV export, sql/license-export.ts). It says what `buildLicenseFilters` (license-filters.ts) says, clause
 * for clause: a change to one belongs in the other (the admin-licenses HTTP spec exports and lists the same searches
 * and compares them). Every value is a parameter; the text depends only on which filters are present.
 */
export type LicenseSearchSql = {
  /** The condition, never empty: soft-deleted rows are excluded, as the ORM's reads exclude them. */
  where: string
  values: unknown[]
}

/**
 * `firstParam` is the number of the first placeholder this condition may use ($1 when it is the statement's first).
 * `hashKey` turns a typed key into its lookup hash (null when the text is not a well-formed key).
 */
export function buildLicenseSearchSql(
  search: LicenseSearch,
  hashKey: (input: string) => string | null,
  now: Date = new Date(),
  firstParam = 1
): LicenseSearchSql {
  const values: unknown[] = []
  const param = (value: unknown, cast = "") => {
    values.push(value)
    return `$${firstParam + values.length - 1}${cast}`
  }
  const and: string[] = ["deleted_at IS NULL"]
  for (const column of ["customer_id", "order_id", "product_id", "variant_id"] as const) {
    const value = search[column]
    if (value?.length) {
      and.push(Array.isArray(value) ? `${column} = ANY(${param(value, "::text[]")})` : `${column} = ${param(value)}`)
    }
  }
  const statuses = search.status === undefined ? [] : Array.isArray(search.status) ? search.status : [search.status]
  if (statuses.length) {
    // One placeholder for now, only when a status depends on time (PostgreSQL refuses a parameter no text uses).
    const at = statuses.some((status) => TIME_BASED.has(status)) ? param(now, "::timestamptz") : ""
    and.push(`(${statuses.map((status) => statusCondition(status, at, param)).join(" OR ")})`)
  }
  if (search.expiring_within_days !== undefined) {
    const until = new Date(now.getTime() + search.expiring_within_days * 24 * 60 * 60 * 1000)
    and.push(`(status = 'active' AND expires_at > ${param(now, "::timestamptz")} AND expires_at <= ${param(until, "::timestamptz")})`)
  }
  const q = search.q?.trim()
  if (q) {
    const keyHash = hashKey(q)
    if (keyHash) {
      and.push(`key_hash = ${param(keyHash)}`)
    } else {
      // The same pattern as the ORM's `$ilike`: % and _ typed by the admin stay wildcards there too.
      const or = [`key_hint = ${param(q.toUpperCase())}`, `customer_email ILIKE ${param(`%${q}%`)}`]
      if (isDiscordId(q)) {
        or.push(`customer_discord_id = ${param(q)}`)
      }
      const displayId = q.replace(/^#/, "")
      if (/^\d{1,9}$/.test(displayId)) {
        or.push(`order_display_id = ${param(Number(displayId), "::integer")}`)
      }
      and.push(`(${or.join(" OR ")})`)
    }
  }
  return { where: and.join(" AND "), values }
}

const TIME_BASED = new Set<EffectiveLicenseStatus>(["active", "expired", "grace"])

/** The stored-column condition for each status a person sees (license-filters.ts#statusFilter); `now` is `at`. */
function statusCondition(status: EffectiveLicenseStatus, at: string, param: (value: unknown) => string): string {
  switch (status) {
    case "expired":
      return `(status = 'active' AND expires_at <= ${at} AND (grace_ends_at IS NULL OR grace_ends_at <= ${at}))`
    case "grace":
      return `(status = 'active' AND expires_at <= ${at} AND grace_ends_at > ${at})`
    case "active":
      return `(status = 'active' AND (expires_at IS NULL OR expires_at > ${at}))`
    default:
      return `status = ${param(status)}`
  }
}
