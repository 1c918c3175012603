import type { Knex, SqlEntityManager } from "@medusajs/framework/mikro-orm/knex"
import type { Context } from "@medusajs/framework/types"

/**
 * The knex transaction of a method decorated with @InjectTransactionManager.
 * Row locks and advisory locks only serialise anything inside a transaction, so
 * a missing one is a programming error, not something to fall back from.
 */
export function transactionKnex(sharedContext: Context): Knex.Transaction {
  const manager = sharedContext.transactionManager as SqlEntityManager | undefined
  const trx = manager?.getTransactionContext<Knex.Transaction>()
  if (!trx) {
    throw new Error("License module: this operation must run inside a transaction.")
  }
  return trx
}
