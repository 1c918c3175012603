import type { MedusaContainer } from "@medusajs/framework/types"
import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { LICENSE_MODULE } from "../../../modules/license"
import type { LicenseLookupResult } from "../../../modules/license/controls/license-lookup"
import { keyPortLicense } from "../../../modules/license/rules/keyport"
import type LicenseModuleService from "../../../modules/license/service"
import { callerOf } from "../../licenses/caller"

/**
 * The KeyPort-compatible API (docs/migrating-from-keyport.md): installed products
 * built for KeyPort point their base URL at `<store>/api/v1` and keep working.
 * Off unless the store sets the plugin option `keyportCompatibleApi`: then
 * these routes answer 404 like any unknown path, since `/api/v1` may be the store's.
 */

export const licenseModule = (req: MedusaRequest) => req.scope.resolve<LicenseModuleService>(LICENSE_MODULE)

/** True when the API is on; otherwise answers 404 and returns false. */
export function keyPortApiOn(req: MedusaRequest, res: MedusaResponse): boolean {
  if (licenseModule(req).getOptions().keyportCompatibleApi) {
    return true
  }
  res.setHeader("Cache-Control", "no-store")
  res.status(404).json({ type: "not_found", message: "Not found" })
  return false
}

export function sendKeyPortJson(res: MedusaResponse, body: unknown) {
  res.statusCode = 200
  res.setHeader("Cache-Control", "no-store")
  res.setHeader("Content-Type", "application/json; charset=utf-8")
  res.end(JSON.stringify(body))
}

/** Our product lookup (read-only: no activation, no event, no usage count), with the product API key. */
export async function lookUpForProduct(req: MedusaRequest, licenseKey: string): Promise<LicenseLookupResult> {
  return await licenseModule(req).lookUpLicenseForProduct({ license_key: licenseKey, ...callerOf(req) })
}

/** The store (KeyPort's organization) and the customer's name, read with Query. */
async function keyPortContext(scope: MedusaContainer, customerId: string | null) {
  const query = scope.resolve(ContainerRegistrationKeys.QUERY)
  const [{ data: stores }, customers] = await Promise.all([
    query.graph({ entity: "store", fields: ["id"], pagination: { take: 1 } }),
    customerId
      ? query.graph({ entity: "customer", fields: ["first_name", "last_name"], filters: { id: customerId } }).then((r) => r.data)
      : Promise.resolve([] as { first_name?: string | null; last_name?: string | null }[]),
  ])
  const customer = customers[0]
  const name = customer ? [customer.first_name, customer.last_name].filter(Boolean).join(" ") : ""
  return { organizationId: (stores[0]?.id as string | undefined) ?? null, customerName: name || null }
}

/** A found license in KeyPort's lookup fields. */
export async function presentKeyPortLicense(scope: MedusaContainer, found: Extract<LicenseLookupResult, { type: "license" }>) {
  const { license } = found
  return keyPortLicense(
    {
      ...license,
      id: found.license_id,
      customer_id: found.customer_id,
      activations_used: license.activations.length,
    },
    await keyPortContext(scope, found.customer_id)
  )
}
