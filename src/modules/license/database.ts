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

/** A transaction-scoped PostgreSQL advisory lock on a text key: held across server instances until commit. */
export async function advisoryXactLock(trx: Knex.Transaction, key: string): Promise<void> {
  await trx.raw("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))", [key])
}

/** The caller's transaction if there is one, else the pool behind a method decorated with @InjectManager. */
export function managerKnex(sharedContext: Context): Knex {
  const trx = (sharedContext.transactionManager as SqlEntityManager | undefined)?.getTransactionContext<Knex.Transaction>()
  if (trx) {
    return trx
  }
  const manager = sharedContext.manager as SqlEntityManager | undefined
  if (!manager) {
    throw new Error("License module: no entity manager in the context.")
  }
  return manager.getKnex()
}

/** A connection of knex's pool, as node-postgres gives it: named statements are prepared once per connection. */
type PgConnection = {
  query(config: { name?: string; text: string; values: unknown[] }): Promise<{ rows: any[] }>
}

type PooledClient = {
  acquireConnection(): Promise<PgConnection>
  releaseConnection(connection: PgConnection): Promise<unknown>
}

/**
 * One named prepared statement on a connection of knex's pool, without knex's query builder and
 * runner: the hot paths' statements (the Verify lookup, the slot statement, the webhook-endpoint
 * check, the update check's release list) are parsed and planned once per connection. Its rows.
 * `name` null: an unnamed statement, planned at each call with its values (for a statement whose best plan depends
 * on them, e.g. the admin's list: a generic plan would guess the selectivity of `now` and of a pattern).
 */
export async function pooledQuery<R>(knex: Knex, name: string | null, text: string, values: unknown[]): Promise<R[]> {
  const client = knex.client as PooledClient
  const connection = await client.acquireConnection()
  try {
    return (await connection.query(name === null ? { text, values } : { name, text, values })).rows as R[]
  } finally {
    await client.releaseConnection(connection)
  }
}
