import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LICENSE_MODULE } from "../../modules/license"
import type LicenseModuleService from "../../modules/license/service"
import { restoreProductSettings, snapshotProductSettings } from "../utils/product-settings-snapshot"

export type UpdateProductLicenseSettingsStepInput = {
  product_id: string
  update: Parameters<LicenseModuleService["updateProductLicenseSettings"]>[1]
}

export type UpdateProductLicenseSettingsResult = Awaited<ReturnType<LicenseModuleService["updateProductLicenseSettings"]>>

/**
 * Saves a product's licensing controls (LicenseModuleService.updateProductLicenseSettings);
 * `apiKey` is the full key when this save generated the product's first one.
 * Compensation restores the previous row (or none), which also withdraws a
 * key generated here.
 */
export const updateProductLicenseSettingsStep = createStep(
  "update-product-license-settings",
  async ({ product_id, update }: UpdateProductLicenseSettingsStepInput, { container }) => {
    const licenseModule: LicenseModuleService = container.resolve(LICENSE_MODULE)
    const previous = await snapshotProductSettings(licenseModule, product_id)
    const saved: UpdateProductLicenseSettingsResult = await licenseModule.updateProductLicenseSettings(product_id, update)
    return new StepResponse(saved, previous)
  },
  async (previous, { container }) => {
    if (!previous) {
      return
    }
    await restoreProductSettings(container.resolve(LICENSE_MODULE), previous)
  }
)
