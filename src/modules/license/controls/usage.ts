import type LicenseModuleService from "../service"
import { nextUtcMidnight, type ProductQuotaToday, utcDay } from "../rules/daily-quota"
import { findProductSettings } from "../sql/product-settings"
import { readQuotaUsed } from "../sql/quota"
import { listUsageDays } from "../sql/usage"

/** A product's verify calls per UTC day, by answer code, over the last `days` days. */
export async function listProductUsage(this: LicenseModuleService, productId: string, days = 30) {
  return await listUsageDays(this.pgConnection_(), productId, days, new Date())
}

/** Today's count of the product's daily verify quota, exact (sql/quota.ts); no read when it has no quota. */
export async function productQuotaToday(this: LicenseModuleService, productId: string, now = new Date()): Promise<ProductQuotaToday> {
  const db = this.pgConnection_()
  const limit = (await findProductSettings(db, productId))?.daily_verify_quota ?? 0
  const day = utcDay(now)
  return { limit, used: limit > 0 ? await readQuotaUsed(db, productId, day) : 0, day, resets_at: nextUtcMidnight(now).toISOString() }
}
