import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { entityId } from "../rules/entity-id"

export async function readJobCursor(knex: Knex, name: string): Promise<Date | null> {
  const { rows } = await knex.raw<{ rows: { reached_at: Date }[] }>(
    "SELECT reached_at FROM license_job_cursor WHERE name = ? AND deleted_at IS NULL",
    [name]
  )
  return rows[0] ? new Date(rows[0].reached_at) : null
}

/** Moves a job's cursor forward, never back (two instances may finish runs out of order). */
export async function advanceJobCursor(knex: Knex, name: string, reachedAt: Date): Promise<void> {
  await knex.raw(
    `INSERT INTO license_job_cursor (id, name, reached_at) VALUES (?, ?, ?)
     ON CONFLICT (name) WHERE deleted_at IS NULL
     DO UPDATE SET reached_at = GREATEST(license_job_cursor.reached_at, EXCLUDED.reached_at), updated_at = now()`,
    [entityId("ljcr"), name, reachedAt]
  )
}
