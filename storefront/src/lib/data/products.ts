"use server"

import { sdk } from "@lib/config"
import type { HttpTypes } from "@medusajs/types"
import { getRegion } from "./regions"

const FIELDS = "*variants.calculated_price,+variants.inventory_quantity"

/** The region's published products, with each variant's price in the region. */
export async function listProducts(countryCode: string): Promise<HttpTypes.StoreProduct[]> {
  const region = await getRegion(countryCode)
  if (!region) return []
  const { products } = await sdk.client.fetch<{ products: HttpTypes.StoreProduct[] }>("/store/products", {
    method: "GET",
    query: { region_id: region.id, fields: FIELDS, limit: 24 },
    next: { revalidate: 60 },
    cache: "force-cache",
  })
  return products
}

export async function retrieveProduct(countryCode: string, handle: string): Promise<HttpTypes.StoreProduct | null> {
  const region = await getRegion(countryCode)
  if (!region) return null
  const { products } = await sdk.client.fetch<{ products: HttpTypes.StoreProduct[] }>("/store/products", {
    method: "GET",
    query: { handle, region_id: region.id, fields: FIELDS },
    next: { revalidate: 60 },
    cache: "force-cache",
  })
  return products[0] ?? null
}
