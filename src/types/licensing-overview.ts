/**
 * GET /admin/licenses/overview (docs/admin.md "Licensing overview"): the
 * response shape, shared by the server (src/modules/license/sql/overview.ts)
 * and the admin (src/admin). Types only: nothing here runs.
 */

export type LicensingOverviewCounts = {
  /** Active and not past its expiry. */
  active: number
  /** Active keys whose expiry falls within the next `expiring_within_days` days. */
  expiring_soon: number
  /** Active in the database but past the expiry date. */
  expired: number
  suspended: number
  revoked: number
}

/** One UTC calendar day ("YYYY-MM-DD"); days without data are zeros. */
export type LicensingOverviewDay = {
  day: string
  issued: number
  revoked: number
  /** Verify calls by answer code, every product summed. */
  verify: Record<string, number>
  verify_total: number
}

export type LicensingOverview = {
  counts: LicensingOverviewCounts
  expiring_within_days: number
  /** Oldest first, the last one today (UTC). */
  days: LicensingOverviewDay[]
  from: string
  to: string
  time_zone: "UTC"
}
