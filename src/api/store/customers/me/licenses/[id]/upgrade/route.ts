import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { LICENSE_MODULE } from "../../../../../../../modules/license"
import { RENEWAL_ERROR_STATUS } from "../../../../../../../modules/license/rules/renewal-codes"
import { upgradePaths } from "../../../../../../../modules/license/rules/upgrade-terms"
import type LicenseModuleService from "../../../../../../../modules/license/service"
import { addLicenseUpgradeToCartWorkflow } from "../../../../../../../workflows/add-license-upgrade-to-cart"
import { priceUpgrade } from "../../../../../../../workflows/utils/upgrade-price"
import { sendUpgradeResult } from "../../../../../renewals/respond"
import type { StoreRenewalOfferQuery, StoreUpgradeOwnLicense } from "../../../../../renewals/validators"

/**
 * GET /store/customers/me/licenses/:id/upgrade?region_id=: the variants the license can be upgraded to now, each with
 * its price in the region's currency (the storefront's Upgrade buttons); `upgrades: []` and the reason's `code` when
 * there are none (no upgrade path, an expired, revoked or suspended key).
 */
export async function GET(req: AuthenticatedMedusaRequest<unknown, StoreRenewalOfferQuery>, res: MedusaResponse) {
  const licenses: LicenseModuleService = req.scope.resolve(LICENSE_MODULE)
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { region_id } = req.validatedQuery as StoreRenewalOfferQuery
  const { data: regions } = await query.graph({ entity: "region", fields: ["id", "currency_code"], filters: { id: region_id } })
  const region = regions[0] as { id: string; currency_code: string } | undefined
  res.setHeader("Cache-Control", "no-store")
  if (!region) {
    return res.status(404).json({ code: "region_not_found", message: "Region not found" })
  }
  const owner = req.auth_context.actor_id
  const [license] = await licenses.listLicenses({ id: req.params.id, customer_id: owner }, { take: 1 })
  if (!license) {
    return res.status(RENEWAL_ERROR_STATUS.license_not_found).json({ code: "license_not_found", message: "License not found" })
  }
  const [policy] = license.variant_id ? await licenses.listLicensePolicies({ variant_id: license.variant_id }, { take: 1 }) : []
  const targets = upgradePaths(policy)
  const { data: variants } = targets.length
    ? await query.graph({ entity: "product_variant", fields: ["id", "title"], filters: { id: targets } })
    : { data: [] }
  const titles = new Map((variants as { id: string; title: string }[]).map((v) => [v.id, v.title]))
  const upgrades: { variant_id: string; variant_title: string | null; unit_price: number; currency_code: string }[] = []
  let refusal: { code: string; message: string } = { code: "upgrade_not_available", message: "This license has no upgrade" }
  for (const target of targets) {
    const quote = await licenses.quoteUpgrade({ license_id: license.id, customer_id: owner }, target, { id: "offer", items: [] })
    const priced = await priceUpgrade(req.scope, quote, region)
    if (priced.type === "refused") {
      refusal = priced
      continue
    }
    upgrades.push({ variant_id: target, variant_title: titles.get(target) ?? null, unit_price: priced.item.unit_price, currency_code: region.currency_code })
  }
  res.json(upgrades.length ? { upgrades } : { upgrades, code: refusal.code, message: refusal.message })
}

/** POST /store/customers/me/licenses/:id/upgrade {cart_id, variant_id}: adds an upgrade of the customer's license to the cart. */
export async function POST(req: AuthenticatedMedusaRequest<StoreUpgradeOwnLicense>, res: MedusaResponse) {
  const { cart_id, variant_id } = req.validatedBody
  const { result } = await addLicenseUpgradeToCartWorkflow(req.scope).run({
    input: { cart_id, to_variant_id: variant_id, target: { license_id: req.params.id, customer_id: req.auth_context.actor_id } },
  })
  sendUpgradeResult(res, cart_id, result)
}
