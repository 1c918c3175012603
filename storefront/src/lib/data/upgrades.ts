"use server"

import { sdk } from "@lib/config"
import type { LicenseActionResult, StoreUpgradeOffers } from "@modules/licenses/types"
import { revalidateTag } from "next/cache"
import { redirect } from "next/navigation"
import { getOrCreateCart } from "./cart"
import { getAuthHeaders, getCacheTag } from "./cookies"
import { getRegion } from "./regions"

// Upgrades from Account -> Licenses (docs/renewals-and-upgrades.md "Upgrades"), as renewals.ts: the offers in the
// shopper's region, and the action that puts the upgrade line in their cart and sends them to it.

const upgradePath = (licenseId: string) => `/store/customers/me/licenses/${encodeURIComponent(licenseId)}/upgrade`

/** The variants the license can be upgraded to in the country's region, with prices (null when no region). */
export async function getUpgradeOffers(licenseId: string, countryCode: string): Promise<StoreUpgradeOffers | null> {
  const region = await getRegion(countryCode)
  if (!region) return null
  return await sdk.client.fetch<StoreUpgradeOffers>(upgradePath(licenseId), {
    method: "GET",
    query: { region_id: region.id },
    headers: await getAuthHeaders(),
    cache: "no-store",
  })
}

/** Adds the upgrade to the shopper's cart (created when there is none) and redirects to the cart. */
export async function upgradeLicense(licenseId: string, variantId: string, countryCode: string): Promise<LicenseActionResult> {
  try {
    const cart = await getOrCreateCart(countryCode)
    await sdk.client.fetch(upgradePath(licenseId), { method: "POST", body: { cart_id: cart.id, variant_id: variantId }, headers: await getAuthHeaders() })
  } catch (error) {
    const e = error as { message?: string; code?: string } | null
    return { ok: false, error: e?.message || "Could not add the upgrade to your cart.", code: e?.code }
  }
  revalidateTag(await getCacheTag("carts"))
  redirect(`/${countryCode}/cart`)
}
