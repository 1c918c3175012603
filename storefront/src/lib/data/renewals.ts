"use server"

import { sdk } from "@lib/config"
import type { LicenseActionResult, StoreRenewalOffer } from "@modules/licenses/types"
import { revalidateTag } from "next/cache"
import { redirect } from "next/navigation"
import { getOrCreateCart } from "./cart"
import { getAuthHeaders, getCacheTag } from "./cookies"
import { getRegion } from "./regions"

// Renewals from Account -> Licenses (docs/renewals-and-upgrades.md): the offer in the shopper's region, and the
// action that puts the renewal line in their cart and sends them to it.

const renewPath = (licenseId: string) => `/store/customers/me/licenses/${encodeURIComponent(licenseId)}/renew`

/** What renewing costs in the country's region (null when the store has no region for it). */
export async function getRenewalOffer(licenseId: string, countryCode: string): Promise<StoreRenewalOffer | null> {
  const region = await getRegion(countryCode)
  if (!region) return null
  return await sdk.client.fetch<StoreRenewalOffer>(renewPath(licenseId), {
    method: "GET",
    query: { region_id: region.id },
    headers: await getAuthHeaders(),
    cache: "no-store",
  })
}

/** Adds the renewal to the shopper's cart (created when there is none) and redirects to the cart. */
export async function renewLicense(licenseId: string, countryCode: string): Promise<LicenseActionResult> {
  try {
    const cart = await getOrCreateCart(countryCode)
    await sdk.client.fetch(renewPath(licenseId), { method: "POST", body: { cart_id: cart.id }, headers: await getAuthHeaders() })
  } catch (error) {
    const e = error as { message?: string; code?: string } | null
    return { ok: false, error: e?.message || "Could not add the renewal to your cart.", code: e?.code }
  }
  revalidateTag(await getCacheTag("carts"))
  redirect(`/${countryCode}/cart`)
}
