import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { addLicenseRenewalToCartWorkflow } from "../../../workflows/add-license-renewal-to-cart"
import { sendRenewalResult } from "../renewals/respond"
import type { StoreRenewLicenseByKey } from "../renewals/validators"

/**
 * POST /store/license-renewals {license_key, cart_id}: adds a renewal of any key to the cart (a guest renewing: paying
 * to extend a key harms nobody). Unknown and malformed keys count against the caller's failure budget of the Verify
 * API; over it: 429 rate_limited with Retry-After.
 */
export async function POST(req: MedusaRequest<StoreRenewLicenseByKey>, res: MedusaResponse) {
  const { cart_id, license_key } = req.validatedBody
  const { result } = await addLicenseRenewalToCartWorkflow(req.scope).run({
    input: {
      cart_id,
      target: { license_key, remote_address: req.socket.remoteAddress, forwarded_for: req.headers["x-forwarded-for"] },
    },
  })
  sendRenewalResult(res, cart_id, result)
}
