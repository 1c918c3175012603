import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { LICENSE_MODULE } from "../../../../../../../modules/license"
import { RENEWAL_ERROR_STATUS } from "../../../../../../../modules/license/rules/renewal-codes"
import type LicenseModuleService from "../../../../../../../modules/license/service"
import { addLicenseRenewalToCartWorkflow } from "../../../../../../../workflows/add-license-renewal-to-cart"
import { priceRenewal } from "../../../../../../../workflows/utils/renewal-price"
import { sendRenewalResult } from "../../../../../renewals/respond"
import type { StoreRenewalOfferQuery, StoreRenewOwnLicense } from "../../../../../renewals/validators"

/**
 * GET /store/customers/me/licenses/:id/renew?region_id=: what renewing the license costs in the region's currency
 * and the expiry it gives (the storefront's Renew button), or why it cannot be renewed ({ renewable: false, code }).
 */
export async function GET(req: AuthenticatedMedusaRequest<unknown, StoreRenewalOfferQuery>, res: MedusaResponse) {
  const licenses: LicenseModuleService = req.scope.resolve(LICENSE_MODULE)
  const { region_id } = req.validatedQuery as StoreRenewalOfferQuery
  const { data: regions } = await req.scope
    .resolve(ContainerRegistrationKeys.QUERY)
    .graph({ entity: "region", fields: ["id", "currency_code"], filters: { id: region_id } })
  const region = regions[0] as { id: string; currency_code: string } | undefined
  res.setHeader("Cache-Control", "no-store")
  if (!region) {
    return res.status(404).json({ code: "region_not_found", message: "Region not found" })
  }
  const quote = await licenses.quoteRenewal({ license_id: req.params.id, customer_id: req.auth_context.actor_id }, { id: "offer", items: [] })
  const priced = await priceRenewal(req.scope, quote, region)
  if (priced.type === "refused") {
    return res.status(priced.code === "license_not_found" ? RENEWAL_ERROR_STATUS[priced.code] : 200).json({ renewable: false, code: priced.code, message: priced.message })
  }
  res.json({
    renewable: true,
    unit_price: priced.item.unit_price,
    currency_code: region.currency_code,
    new_expires_at: priced.item.metadata.license_new_expires_at,
  })
}

/** POST /store/customers/me/licenses/:id/renew {cart_id}: adds a renewal of the customer's license to the cart. */
export async function POST(req: AuthenticatedMedusaRequest<StoreRenewOwnLicense>, res: MedusaResponse) {
  const { cart_id } = req.validatedBody
  const { result } = await addLicenseRenewalToCartWorkflow(req.scope).run({
    input: { cart_id, target: { license_id: req.params.id, customer_id: req.auth_context.actor_id } },
  })
  sendRenewalResult(res, cart_id, result)
}
