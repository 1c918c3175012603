import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { addLicenseUpgradeToCartWorkflow } from "../../../workflows/add-license-upgrade-to-cart"
import { sendUpgradeResult } from "../renewals/respond"
import type { StoreUpgradeLicenseByKey } from "../renewals/validators"

/**
 * POST /store/license-upgrades {license_key, variant_id, cart_id}: adds an upgrade of any key to the cart (a guest
 * upgrading, as a guest renews). Unknown and malformed keys count against the caller's failure budget of the Verify
 * API; over it: 429 rate_limited with Retry-After.
 */
export async function POST(req: MedusaRequest<StoreUpgradeLicenseByKey>, res: MedusaResponse) {
  const { cart_id, license_key, variant_id } = req.validatedBody
  const { result } = await addLicenseUpgradeToCartWorkflow(req.scope).run({
    input: {
      cart_id,
      to_variant_id: variant_id,
      target: { license_key, remote_address: req.socket.remoteAddress, forwarded_for: req.headers["x-forwarded-for"] },
    },
  })
  sendUpgradeResult(res, cart_id, result)
}
