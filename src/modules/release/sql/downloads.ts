import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { generateEntityId } from "@medusajs/framework/utils"

export type DownloadNote = { release_id: string; license_id: string; count: number; at: Date }

/** Adds a batch of download counts: one additive statement, so any number of instances may write. */
export async function addDownloads(db: Knex, notes: DownloadNote[]): Promise<void> {
  for (let i = 0; i < notes.length; i += 500) {
    const chunk = notes.slice(i, i + 500)
    await db.raw(
      `INSERT INTO license_release_download (id, release_id, license_id, count, last_downloaded_at, created_at, updated_at)
       VALUES ${chunk.map(() => "(?, ?, ?, ?, ?, now(), now())").join(", ")}
       ON CONFLICT (release_id, license_id) WHERE deleted_at IS NULL
       DO UPDATE SET count = license_release_download.count + excluded.count,
                     last_downloaded_at = GREATEST(license_release_download.last_downloaded_at, excluded.last_downloaded_at),
                     updated_at = now()`,
      chunk.flatMap((n) => [generateEntityId(undefined, "lrdl"), n.release_id, n.license_id, n.count, n.at])
    )
  }
}

/** Download counts of one license per release. */
export async function downloadsOfLicense(db: Knex, licenseId: string): Promise<Record<string, number>> {
  const { rows } = await db.raw<{ rows: { release_id: string; count: number }[] }>(
    `SELECT release_id, count FROM license_release_download WHERE license_id = ? AND deleted_at IS NULL`,
    [licenseId]
  )
  return Object.fromEntries(rows.map((row) => [row.release_id, Number(row.count)]))
}
