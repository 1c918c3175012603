"use server"

import { sdk } from "@lib/config"
import type { HttpTypes } from "@medusajs/types"

/** The region that holds `countryCode` (the URL's first segment), or null. */
export async function getRegion(countryCode: string): Promise<HttpTypes.StoreRegion | null> {
  const { regions } = await sdk.client.fetch<{ regions: HttpTypes.StoreRegion[] }>("/store/regions", {
    method: "GET",
    next: { revalidate: 3600 },
    cache: "force-cache",
  })
  return regions.find((r) => r.countries?.some((c) => c.iso_2 === countryCode)) ?? null
}
