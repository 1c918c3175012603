import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LICENSE_MODULE } from "../../modules/license"
import type LicenseModuleService from "../../modules/license/service"
import { restoreProductSettings, snapshotProductSettings } from "../utils/product-settings-snapshot"

export type RotateProductApiKeyResult = Awaited<ReturnType<LicenseModuleService["rotateProductApiKey"]>>

/**
 * Generates or replaces a product's API key (LicenseModuleService.rotateProductApiKey);
 * the full key is in the result only (its hash is stored). Compensation puts
 * the previous key (hash, prefix, date) back, so the seller's servers keep
 * working with the key they have.
 */
export const rotateProductApiKeyStep = createStep(
  "rotate-product-api-key",
  async ({ product_id }: { product_id: string }, { container }) => {
    const licenseModule: LicenseModuleService = container.resolve(LICENSE_MODULE)
    const previous = await snapshotProductSettings(licenseModule, product_id)
    const rotated: RotateProductApiKeyResult = await licenseModule.rotateProductApiKey(product_id)
    return new StepResponse(rotated, previous)
  },
  async (previous, { container }) => {
    if (!previous) {
      return
    }
    await restoreProductSettings(container.resolve(LICENSE_MODULE), previous)
  }
)
