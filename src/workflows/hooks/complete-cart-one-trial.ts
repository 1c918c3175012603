import { completeCartWorkflow } from "@medusajs/medusa/core-flows"
import { MedusaError } from "@medusajs/framework/utils"
import { LICENSE_MODULE } from "../../modules/license"
import { TRIAL_ALREADY_USED } from "../../modules/license/rules/trials"
import type LicenseModuleService from "../../modules/license/service"

type CartForTrialCheck = {
  email?: string | null
  items?: ({ variant_id?: string | null; product_id?: string | null; quantity: unknown } | null)[] | null
}

/**
 * One trial per customer e-mail per product, at checkout (docs/renewals-and-upgrades.md
 * "Expiry, grace and trials"): Medusa's cart completion runs this `validate` hook before the
 * order is created and the payment authorised. A cart holding a trial variant of a product
 * the cart's e-mail already has a trial of, or more than one trial unit of a product, is
 * refused: POST /store/carts/:id/complete answers 400 with code `trial_already_used`.
 * Issuance enforces the same rule again (trials/trial-units.ts, a unique index).
 */
completeCartWorkflow.hooks.validate(async ({ cart }, { container }) => {
  const { email, items } = cart as unknown as CartForTrialCheck
  const lines = (items ?? []).filter((i): i is NonNullable<typeof i> => !!i?.variant_id)
  if (!lines.length) {
    return
  }
  const licenses: LicenseModuleService = container.resolve(LICENSE_MODULE)
  const trials = await licenses.listLicensePolicies(
    { variant_id: [...new Set(lines.map((i) => i.variant_id!))], licensed: true, trial: true },
    { take: null }
  )
  if (!trials.length) {
    return
  }
  const trialProduct = new Map(trials.map((p) => [p.variant_id, p.product_id]))
  const units = new Map<string, number>()
  for (const line of lines) {
    const product = trialProduct.get(line.variant_id!)
    if (product) {
      units.set(product, (units.get(product) ?? 0) + Number(String(line.quantity)))
    }
  }
  const products = [...units.keys()]
  const taken = email ? await licenses.listTrialsTakenBy(email, products) : []
  if (taken.length || products.some((p) => units.get(p)! > 1)) {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      "Only one trial per customer e-mail and product: this e-mail has used its trial of this product already",
      TRIAL_ALREADY_USED
    )
  }
})
