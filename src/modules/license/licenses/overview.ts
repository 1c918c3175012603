import type LicenseModuleService from "../service"
import { type LicensingOverview, readLicensingOverview } from "../sql/overview"

/** The admin's Licensing overview: keys by state now, and keys issued / revoked and verify calls per UTC day. */
export async function getLicensingOverview(
  this: LicenseModuleService,
  options: { days?: number; expiringWithinDays?: number; now?: Date } = {}
): Promise<LicensingOverview> {
  return await readLicensingOverview(this.pgConnection_(), {
    now: options.now ?? new Date(),
    days: options.days ?? 30,
    expiringWithinDays: options.expiringWithinDays ?? 30,
  })
}
