import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/**
 * Heartbeats and floating seats (docs/verify-api.md "Heartbeats and floating seats"):
 * - `license_policy.heartbeat_interval_seconds`: null = off (the default); when set, a
 *   machine keeps its seat only while it verifies (or calls POST /licenses/heartbeat)
 *   at least every interval, plus the grace of rules/heartbeat.ts;
 * - `license.heartbeat_interval_seconds`: the policy's value, snapshot on the key at
 *   issuance, read by the Verify lookup;
 * - a partial index on the held machine seats by last_seen_at, for the release job
 *   and the dead-seat takeover of the slot statement.
 * Seats freed this way are recorded as `released_by = 'heartbeat'` (free text column).
 */
export class Migration20261207400000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table if exists "license_policy" add column if not exists "heartbeat_interval_seconds" integer null;`)
    this.addSql(`alter table if exists "license_policy" drop constraint if exists "license_policy_heartbeat_interval_seconds_check";`)
    this.addSql(`alter table if exists "license_policy" add constraint "license_policy_heartbeat_interval_seconds_check" check (heartbeat_interval_seconds IS NULL OR (heartbeat_interval_seconds >= 60 AND heartbeat_interval_seconds <= 2592000));`)
    this.addSql(`alter table if exists "license" add column if not exists "heartbeat_interval_seconds" integer null;`)
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_license_activation_held_machine_seen" ON "license_activation" ("last_seen_at") WHERE kind = 'machine' AND released_at IS NULL AND deleted_at IS NULL;`)
  }

  override async down(): Promise<void> {
    this.addSql(`DROP INDEX IF EXISTS "IDX_license_activation_held_machine_seen";`)
    this.addSql(`alter table if exists "license" drop column if exists "heartbeat_interval_seconds";`)
    this.addSql(`alter table if exists "license_policy" drop constraint if exists "license_policy_heartbeat_interval_seconds_check";`)
    this.addSql(`alter table if exists "license_policy" drop column if exists "heartbeat_interval_seconds";`)
  }
}
