import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import type { SuspensionKind } from "../rules/suspension"

/** Notes why the given licenses are suspended (rules/suspension.ts); null clears it (reinstated). */
export async function setSuspensionKind(trx: Knex.Transaction, licenseIds: string[], kind: SuspensionKind | null): Promise<void> {
  if (!licenseIds.length) {
    return
  }
  await trx.raw(`UPDATE license SET suspension = ? WHERE id = ANY(?::text[])`, [kind, licenseIds])
}
