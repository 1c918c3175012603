import type LicenseModuleService from "../service"
import { foldLicenseCountRows } from "../sql/license-count"

/** Folds the rows the count triggers added into one per bucket (sql/license-count.ts); the counts do not move. */
export async function foldLicenseCounts(this: LicenseModuleService): Promise<{ folded: number; kept: number }> {
  return await foldLicenseCountRows(this.pgConnection_())
}
