import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, QueryContext } from "@medusajs/framework/utils"

/**
 * The calculated prices of variants in a region and currency, as a cart prices them (renewals and upgrades): variant
 * id -> amount in major units; a variant without a price there is absent.
 */
export async function variantPrices(
  container: Pick<MedusaContainer, "resolve">,
  variantIds: string[],
  context: { region_id?: string | null; currency_code: string }
): Promise<Map<string, number>> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "product_variant",
    fields: ["id", "calculated_price.calculated_amount"],
    filters: { id: variantIds },
    context: { calculated_price: QueryContext({ region_id: context.region_id ?? undefined, currency_code: context.currency_code }) },
  })
  const prices = new Map<string, number>()
  for (const variant of data as { id: string; calculated_price?: { calculated_amount?: unknown } | null }[]) {
    const amount = variant.calculated_price?.calculated_amount
    const price = amount === null || amount === undefined ? NaN : Number(amount)
    if (Number.isFinite(price)) {
      prices.set(variant.id, price)
    }
  }
  return prices
}
