import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { pooledQuery } from "../database"

/**
 * How many licenses (not soft-deleted) are in each state at `now`, from the counts the triggers of
 * Migration20261212100000 keep by stored status and UTC expiry day, in the writing transactions: a bucket's count is
 * the sum of its rows, which `foldLicenseCountRows` folds into one. A key whose expiry day is before today has
 * expired (or is in grace), after today (or never) is active; only today's keys are read from the
 * `(status, expires_at)` index, and keys in grace from the `grace_ends_at` one. Every count asked for is one column
 * of ONE statement, so they all read one snapshot and each equals the `count(*)` of its condition
 * (rules/license-search-sql.ts#statusCondition) in that snapshot.
 */

/**
 * - `total`: every license; `active`, `grace`, `expired`, `suspended`, `revoked`: the statuses a person sees
 *   (`expired` excludes grace);
 * - `ended`: stored active with `expires_at <= now` (expired or in grace: the Licensing overview's "expired");
 * - `expiring`: active, expiring after now and within `expiringWithinDays` (read from the index: a few percent).
 */
export type LicenseCountName = "total" | "active" | "grace" | "expired" | "ended" | "suspended" | "revoked" | "expiring"

const NOW = "$1::timestamptz"
const TODAY = `(${NOW} AT TIME ZONE 'UTC')::date`
const TODAY_STARTS = `(date_trunc('day', ${NOW} AT TIME ZONE 'UTC') AT TIME ZONE 'UTC')`
const TOMORROW_STARTS = `((date_trunc('day', ${NOW} AT TIME ZONE 'UTC') + interval '1 day') AT TIME ZONE 'UTC')`

const buckets = (where: string) => `(SELECT COALESCE(sum(licenses), 0) FROM license_count_bucket WHERE ${where})`
const activeLicenses = (where: string) => `(SELECT count(*) FROM license WHERE deleted_at IS NULL AND status = 'active' AND ${where})`

const ENDED = `${buckets(`status = 'active' AND expires_on < ${TODAY}`)}
  + ${activeLicenses(`expires_at >= ${TODAY_STARTS} AND expires_at <= ${NOW}`)}`
const GRACE = activeLicenses(`expires_at <= ${NOW} AND grace_ends_at > ${NOW}`)

const COUNTS: Record<LicenseCountName, string> = {
  total: `(SELECT COALESCE(sum(licenses), 0) FROM license_count_bucket)`,
  active: `${buckets(`status = 'active' AND expires_on > ${TODAY}`)}
  + ${activeLicenses(`expires_at > ${NOW} AND expires_at < ${TOMORROW_STARTS}`)}`,
  ended: ENDED,
  grace: GRACE,
  expired: `${ENDED} - ${GRACE}`,
  suspended: buckets(`status = 'suspended'`),
  revoked: buckets(`status = 'revoked'`),
  expiring: activeLicenses(`expires_at > ${NOW} AND expires_at <= $2::timestamptz`),
}

/**
 * The counts named, at `now`. `expiringWithinDays` is needed only for `expiring`. Unnamed statement: planned with
 * this call's `now`, whose day decides how much of the index is read.
 */
export async function readLicenseCounts<N extends LicenseCountName>(
  knex: Knex,
  names: readonly N[],
  now: Date,
  expiringWithinDays = 0
): Promise<Record<N, number>> {
  const wanted = [...new Set(names)]
  const values: unknown[] = [now]
  if (wanted.includes("expiring" as N)) {
    values.push(new Date(now.getTime() + expiringWithinDays * 86_400_000))
  }
  // $1 is always named (the first column), so that PostgreSQL knows its type when no count asked for reads it.
  const columns = wanted.map((name) => `(${COUNTS[name]})::bigint AS ${name}`)
  const [row] = await pooledQuery<Record<N, string>>(knex, null, `SELECT ${NOW} AS counted_at, ${columns.join(", ")}`, values)
  return Object.fromEntries(wanted.map((name) => [name, Number(row[name])])) as Record<N, number>
}

/**
 * Folds each bucket with more than one row (or whose rows sum to zero) into one row holding the sum, in one statement:
 * every snapshot sees either the rows or their sum, so no count moves. Rows a concurrent transaction adds meanwhile
 * are not seen and stay for the next fold; two folds at once each fold only the rows they deleted. Returns how many
 * rows were folded and how many took their place.
 */
export async function foldLicenseCountRows(knex: Knex): Promise<{ folded: number; kept: number }> {
  const [row] = await pooledQuery<{ folded: number; kept: number }>(
    knex,
    null,
    `WITH buckets AS (
       SELECT status, expires_on FROM license_count_bucket GROUP BY 1, 2 HAVING count(*) > 1 OR sum(licenses) = 0
     ), folded AS (
       DELETE FROM license_count_bucket b USING buckets f
        WHERE b.status = f.status AND b.expires_on = f.expires_on
       RETURNING b.status, b.expires_on, b.licenses
     ), kept AS (
       INSERT INTO license_count_bucket (status, expires_on, licenses)
       SELECT status, expires_on, sum(licenses) FROM folded GROUP BY 1, 2 HAVING sum(licenses) <> 0
       RETURNING 1
     )
     SELECT (SELECT count(*) FROM folded)::integer AS folded, (SELECT count(*) FROM kept)::integer AS kept`,
    []
  )
  return row
}
