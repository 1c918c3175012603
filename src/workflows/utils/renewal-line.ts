import type { RenewalQuote } from "../../modules/license/actions"
import { LicenseLineAction } from "../../modules/license/rules/renewal-codes"

/**
 * The metadata of a renewal line item: which license it renews (its id, never its key), the action, and the expiry
 * the key gets when the order is placed now (what the cart shows; order.placed computes it again).
 */
export const renewalLineMetadata = (quote: RenewalQuote) => ({
  license_id: quote.license_id,
  license_action: LicenseLineAction.RENEW,
  license_expires_at: new Date(quote.current_expires_at).toISOString(),
  license_new_expires_at: new Date(quote.new_expires_at).toISOString(),
})
