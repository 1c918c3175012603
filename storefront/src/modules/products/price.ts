import type { HttpTypes } from "@medusajs/types"

export const formatAmount = (amount: number, currency: string) =>
  new Intl.NumberFormat("en-US", { style: "currency", currency: currency.toUpperCase() }).format(amount)

export function variantPrice(variant: HttpTypes.StoreProductVariant): { amount: number; currency: string } | null {
  const price = variant.calculated_price
  if (!price || price.calculated_amount == null || !price.currency_code) return null
  return { amount: Number(price.calculated_amount), currency: price.currency_code }
}

export function lowestPrice(product: HttpTypes.StoreProduct) {
  const prices = (product.variants ?? []).map(variantPrice).filter((p): p is NonNullable<typeof p> => p !== null)
  return prices.sort((a, b) => a.amount - b.amount)[0] ?? null
}
