import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { LICENSE_MODULE } from "../../../../../modules/license"
import type LicenseModuleService from "../../../../../modules/license/service"
import { requireProduct } from "../../../../utils/require-product"
import type { AdminProductUsageQuery } from "../../../validators"

/**
 * Verify calls per UTC day and answer code, oldest day first, zero-filled (default: the last 30 days),
 * and the product's daily verify quota today (`limit` 0 = none; `used` is exact).
 */
export async function GET(req: AuthenticatedMedusaRequest<unknown, AdminProductUsageQuery>, res: MedusaResponse) {
  await requireProduct(req)
  const licenseModule: LicenseModuleService = req.scope.resolve(LICENSE_MODULE)
  const [usage, quota] = await Promise.all([
    licenseModule.listProductUsage(req.params.id, req.validatedQuery.days),
    licenseModule.productQuotaToday(req.params.id),
  ])
  res.json({ usage, quota })
}
