import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { addLicenseRenewalToCartWorkflow } from "../../../../../../../workflows/add-license-renewal-to-cart"
import { sendRenewalResult } from "../../../../../renewals/respond"
import type { StoreRenewOwnLicense } from "../../../../../renewals/validators"

/** POST /store/customers/me/licenses/:id/renew {cart_id}: adds a renewal of the customer's license to the cart. */
export async function POST(req: AuthenticatedMedusaRequest<StoreRenewOwnLicense>, res: MedusaResponse) {
  const { cart_id } = req.validatedBody
  const { result } = await addLicenseRenewalToCartWorkflow(req.scope).run({
    input: { cart_id, target: { license_id: req.params.id, customer_id: req.auth_context.actor_id } },
  })
  sendRenewalResult(res, cart_id, result)
}
