import type { Context } from "@medusajs/framework/types"
import { transactionKnex } from "../database"
import { markProductsDeleted, unmarkProductsDeleted } from "../sql/product-deleted"

/**
 * A Medusa product was deleted (or the deletion is undone): its licenses then verify as
 * `configuration_error` / `product_deleted` (docs/verify-api.md "Configuration errors").
 * `deleted: true` answers the products newly marked; false clears the mark. Runs in the
 * caller's transaction.
 */
export async function setProductsDeleted(productIds: string[], deleted: boolean, sharedContext: Context): Promise<string[]> {
  const trx = transactionKnex(sharedContext)
  if (!deleted) {
    await unmarkProductsDeleted(trx, productIds)
    return productIds
  }
  return await markProductsDeleted(trx, productIds)
}
