import type { MedusaContainer } from "@medusajs/framework/types"
import type LicenseModuleService from "../../src/modules/license/service"
import type { IssueLicenseInput, LicenseDTO } from "../../src/modules/license/service"

/** The license module's service, its rows and its clear keys, for the HTTP specs. */
export function licenseService(container: MedusaContainer) {
  return container.resolve<LicenseModuleService>("license")
}

/** Issues one license through the module service and returns it with its clear key. */
export async function issueLicense(
  container: MedusaContainer,
  overrides: Partial<IssueLicenseInput> = {}
): Promise<{ license: LicenseDTO; key: string }> {
  const service = licenseService(container)
  const { created } = await service.issueLicenses(
    [
      {
        max_activations: 5,
        product_id: "prod_verify",
        variant_id: "variant_verify",
        product_title: "Pro Plugin",
        variant_title: "5 sites",
        customer_email: "owner@example.com",
        ...overrides,
      },
    ],
    { type: "system" }
  )
  return { license: created[0], key: service.revealKey(created[0]) }
}

export async function heldActivations(container: MedusaContainer, licenseId: string) {
  return await licenseService(container).listLicenseActivations(
    { license_id: licenseId, released_at: null },
    { take: null }
  )
}

export async function activationsUsed(container: MedusaContainer, licenseId: string) {
  return (await licenseService(container).retrieveLicense(licenseId)).activations_used
}

/** An order's licenses, in line-item and unit order. */
export function licensesOfOrder(licenseModule: LicenseModuleService, orderId: string) {
  return licenseModule.listLicenses({ order_id: orderId }, { order: { line_item_id: "ASC", unit_index: "ASC" } })
}
