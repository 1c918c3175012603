import { MedusaError } from "@medusajs/framework/utils"
import type { EffectiveLicenseStatus } from "../types"
import { isDiscordId } from "./discord-id"
import { LICENSE_LIST_ORDERS, type LicenseListColumn } from "./license-list-order"

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

/**
 * A license search as a SQL condition on the `license` table: the one form of the admin's search, read by the list
 * (sql/license-list.ts) and the CSV export (sql/license-export.ts). Every value is a parameter; the text depends
 * only on which filters are present.
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
  const statuses = statusesOf(search)
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
    } else if (isWholeEmail(q)) {
      // A whole address matches that address only, in any case (the btree on lower(customer_email)): no key's last
      // group, Discord ID or order number has an @, and "contains" would also find `ba@x.com` for `a@x.com`.
      and.push(`lower(customer_email) = lower(${param(q)})`)
    } else {
      // % and _ typed in a part of an address stay wildcards.
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

/** An order of the list as a column of the whitelist and a direction; anything else is bad input. */
export function parseLicenseListOrder(order: string): { column: LicenseListColumn; direction: "ASC" | "DESC" } {
  if (!(LICENSE_LIST_ORDERS as readonly string[]).includes(order)) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `The list cannot be ordered by "${order}".`)
  }
  const descending = order.startsWith("-")
  return { column: (descending ? order.slice(1) : order) as LicenseListColumn, direction: descending ? "DESC" : "ASC" }
}

/**
 * A whole e-mail address, as the search tells it from a part of one: something, one @, then a domain with a dot
 * inside it, no spaces. `@mail.example.com` or `bob@example` are parts.
 */
export function isWholeEmail(q: string): boolean {
  return /^[^\s@]+@[^\s@.][^\s@]*\.[^\s@.]+$/.test(q)
}

/**
 * Whether a page's matches are better read whole and then sorted than found by walking the order's index (the
 * plans: docs/performance.md "The admin at 1,000,000 licenses" round 4):
 * - a whole e-mail address: a few keys, which the planner cannot know until the table has been analysed with its
 *   expression index (before that it guessed 5,000 and walked the whole index);
 * - in grace, expiring within N days: a few percent of the keys, bunched where no order's index expects them (a
 *   walk of `product_title` read 1.4 s, of `max_activations` 0.4 s before 20 matched);
 * - expired, newest first only: expired keys are old ones, so that walk passed 500,000 newer keys (0.8-1 s), while
 *   any other order meets one expired key in three at once (by e-mail: 8 ms walking, 930 ms reading all 317,000).
 * `active` among the statuses (most keys) keeps the walk: the keys of any order match at once.
 */
export function readsMatchesWhole(search: LicenseSearch, order: { column: LicenseListColumn; direction: "ASC" | "DESC" }): boolean {
  const q = search.q?.trim()
  if (q && isWholeEmail(q)) {
    return true
  }
  const statuses = statusesOf(search)
  if (statuses.includes("active")) {
    return false
  }
  if (statuses.includes("expired")) {
    return order.column === "created_at" && order.direction === "DESC"
  }
  return search.expiring_within_days !== undefined || statuses.includes("grace")
}

/**
 * The statuses a search asks for (each once; none when it asks for none) when it has no other condition, else null:
 * such a search is counted from the counts kept by status (sql/license-count.ts).
 */
export function onlyStatusesOf(search: LicenseSearch): EffectiveLicenseStatus[] | null {
  const other =
    Boolean(search.q?.trim()) ||
    search.expiring_within_days !== undefined ||
    (["customer_id", "order_id", "product_id", "variant_id"] as const).some((column) => search[column]?.length)
  return other ? null : [...new Set(statusesOf(search))]
}

/** The statuses a search asks for, as a list (none, one or several). */
function statusesOf(search: LicenseSearch): EffectiveLicenseStatus[] {
  return search.status === undefined ? [] : Array.isArray(search.status) ? search.status : [search.status]
}

const TIME_BASED = new Set<EffectiveLicenseStatus>(["active", "expired", "grace"])

/** The stored-column condition for each status a person sees; `now` is `at`. */
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
