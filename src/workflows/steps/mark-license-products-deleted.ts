import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LICENSE_MODULE } from "../../modules/license"
import type LicenseModuleService from "../../modules/license/service"

/**
 * Marks deleted Medusa products on their licensing settings (LicenseModuleService.setProductsDeleted):
 * their keys then verify as configuration_error / product_deleted. Compensation clears the
 * mark on exactly the products this step marked.
 */
export const markLicenseProductsDeletedStep = createStep(
  "mark-license-products-deleted",
  async ({ product_ids }: { product_ids: string[] }, { container }) => {
    const licenseModule: LicenseModuleService = container.resolve(LICENSE_MODULE)
    const marked = await licenseModule.setProductsDeleted(product_ids, true)
    return new StepResponse(marked, marked)
  },
  async (marked, { container }) => {
    if (!marked?.length) {
      return
    }
    await container.resolve<LicenseModuleService>(LICENSE_MODULE).setProductsDeleted(marked, false)
  }
)
