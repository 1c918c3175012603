import type { Knex } from "@medusajs/framework/mikro-orm/knex"

/**
 * A draft's new version and channel in one conditional UPDATE: only while it is a draft of that
 * product (an admin publishing it at the same moment wins or loses as a whole). False otherwise.
 */
export async function renameDraft(db: Knex, productId: string, releaseId: string, version: string, channel: string): Promise<boolean> {
  const { rowCount } = await db.raw(
    `UPDATE license_release SET version = ?, channel = ?, updated_at = now()
     WHERE id = ? AND product_id = ? AND status = 'draft' AND deleted_at IS NULL`,
    [version, channel, releaseId, productId]
  )
  return (rowCount ?? 0) > 0
}

/** Soft-deletes a draft of the product (conditional, as renameDraft); its artifact's file id, or null. */
export async function deleteDraft(db: Knex, productId: string, releaseId: string): Promise<string | null> {
  const { rows } = await db.raw<{ rows: { artifact_file_id: string }[] }>(
    `UPDATE license_release SET deleted_at = now(), updated_at = now()
     WHERE id = ? AND product_id = ? AND status = 'draft' AND deleted_at IS NULL
     RETURNING artifact_file_id`,
    [releaseId, productId]
  )
  return rows[0]?.artifact_file_id ?? null
}

/** Undoes deleteDraft (a workflow's compensation, before the file is removed). */
export async function restoreDraft(db: Knex, releaseId: string): Promise<void> {
  await db.raw(`UPDATE license_release SET deleted_at = NULL, updated_at = now() WHERE id = ? AND status = 'draft'`, [releaseId])
}
