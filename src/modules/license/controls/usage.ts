import type LicenseModuleService from "../service"
import { listUsageDays } from "../sql/usage"

/** A product's verify calls per UTC day, by answer code, over the last `days` days. */
export async function listProductUsage(this: LicenseModuleService, productId: string, days = 30) {
  return await listUsageDays(this.pgConnection_(), productId, days, new Date())
}
