import { completeCartWorkflow } from "@medusajs/medusa/core-flows"
import { MedusaError } from "@medusajs/framework/utils"
import { LICENSE_MODULE } from "../../modules/license"
import { LicenseLineAction } from "../../modules/license/rules/renewal-codes"
import { TRIAL_ALREADY_USED } from "../../modules/license/rules/trials"
import type LicenseModuleService from "../../modules/license/service"

type CartForTrialCheck = {
  email?: string | null
  items?: ({ variant_id?: string | null; product_id?: string | null; quantity: unknown; metadata?: Record<string, unknown> | null } | null)[] | null
}

/** The code of a refused cart whose upgrade line's quantity is not 1 (docs/renewals-and-upgrades.md "Upgrades"). */
export const UPGRADE_QUANTITY = "upgrade_quantity_not_one"

/**
 * One trial per customer e-mail per product, at checkout (docs/renewals-and-upgrades.md
 * "Expiry, grace and trials"): Medusa's cart completion runs this `validate` hook before the
 * order is created and the payment authorised. A cart holding a trial variant of a product
 * the cart's e-mail already has a trial of, or more than one trial unit of a product, is
 * refused: POST /store/carts/:id/complete answers 400 with code `trial_already_used`.
 * Issuance enforces the same rule again (trials/trial-units.ts, a unique index).
 * The same hook (Medusa takes one handler per hook) refuses an upgrade line whose quantity is not 1: an upgrade is
 * not countable, so a shopper who raised it would pay several times for one upgrade (400 `upgrade_quantity_not_one`).
 */
completeCartWorkflow.hooks.validate(async ({ cart }, { container }) => {
  const { email, items } = cart as unknown as CartForTrialCheck
  if ((items ?? []).some((i) => i?.metadata?.license_action === LicenseLineAction.UPGRADE && Number(String(i.quantity)) !== 1)) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, "An upgrade of a license is bought once: set the upgrade line's quantity to 1", UPGRADE_QUANTITY)
  }
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
