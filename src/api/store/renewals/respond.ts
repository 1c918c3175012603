import type { MedusaResponse } from "@medusajs/framework/http"
import { RENEWAL_ERROR_STATUS, type RenewalRefusal } from "../../../modules/license/rules/renewal-codes"
import type { RenewalCartItem } from "../../../workflows/utils/renewal-price"

/** A refusal as `{ code, message }` with its status (and Retry-After over the failure budget). */
function sendRefusal(res: MedusaResponse, result: RenewalRefusal) {
  if (result.retry_after !== undefined) {
    res.setHeader("Retry-After", String(result.retry_after))
  }
  return res.status(RENEWAL_ERROR_STATUS[result.code]).json({ code: result.code, message: result.message })
}

/** A renewal's answer: the line that went into the cart (201), or the refusal as `{ code, message }` with its status. */
export function sendRenewalResult(res: MedusaResponse, cartId: string, result: { type: "line"; item: RenewalCartItem } | RenewalRefusal) {
  res.setHeader("Cache-Control", "no-store")
  if (result.type === "refused") {
    return sendRefusal(res, result)
  }
  const { metadata, unit_price, variant_id } = result.item
  res.status(201).json({
    cart_id: cartId,
    renewal: {
      license_id: metadata.license_id,
      variant_id,
      unit_price,
      expires_at: metadata.license_expires_at,
      new_expires_at: metadata.license_new_expires_at,
    },
  })
}

/** An upgrade's answer: the line that went into the cart (201), or the refusal as `{ code, message }` with its status. */
export function sendUpgradeResult(res: MedusaResponse, cartId: string, result: { type: "line"; item: RenewalCartItem } | RenewalRefusal) {
  res.setHeader("Cache-Control", "no-store")
  if (result.type === "refused") {
    return sendRefusal(res, result)
  }
  const { metadata, unit_price, variant_id } = result.item
  res.status(201).json({
    cart_id: cartId,
    upgrade: { license_id: metadata.license_id, from_variant_id: metadata.license_upgrade_from_variant_id, variant_id, unit_price },
  })
}
