import type { Context } from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"
import { transactionKnex } from "../database"
import { checkVersionPolicy, type ControlsInput, normaliseControlsInput } from "../rules/controls-input"
import { DISCORD_ID_MESSAGE, parseDiscordIdInput } from "../rules/discord-id"
import { changeEntitlements, checkedEntitlements } from "../rules/entitlements"
import { checkDeactivationSetting } from "../rules/deactivation-setting"
import type { VersionMode } from "../rules/version-gate"
import type LicenseModuleService from "../service"
import { licenseEventRow } from "../sql/events"
import { lockLicense } from "../sql/licenses"
import { type LicenseActor, LicenseEventType } from "../types"

/**
 * Admin actions on the license pages that no other flow owns (docs/admin.md):
 * editing a license (the list and its export: search.ts). Status changes go
 * through revocation/; freeing slots through activations/.
 */

/**
 * Edits expiry, max activations, notes and the license's overrides of its
 * product's controls (version gating, custom data, blocklists) under a row
 * lock, and records one `updated` event with the before/after value of every
 * field that changed (none when nothing changed). Lowering max_activations
 * below the used count keeps the held slots: the Verify API refuses new
 * identities until enough are freed, because it only takes a slot while
 * activations_used < max.
 */
export async function updateLicenseDetails(
  this: LicenseModuleService,
  id: string,
  update: LicenseDetailsUpdate,
  actor: LicenseActor,
  sharedContext: Context
): Promise<LicenseDetailsChange> {
  if (
    update.max_activations !== undefined &&
    (!Number.isInteger(update.max_activations) || update.max_activations < 0)
  ) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, "max_activations must be a whole number of 0 or more")
  }
  checkDeactivationSetting(update.deactivations_per_30_days)
  const discordId = parseDiscordIdInput(update.customer_discord_id)
  if (discordId !== null && typeof discordId === "object") {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, DISCORD_ID_MESSAGE)
  }
  const normalised = normaliseControlsInput({
    ...update,
    ...(update.notes === undefined ? {} : { notes: update.notes?.trim() || null }),
    customer_discord_id: discordId,
  })
  const knex = transactionKnex(sharedContext)
  const locked = await lockLicense<LicenseDetails>(knex, id, LICENSE_DETAIL_FIELDS)
  if (!locked) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `License with id: ${id} was not found`)
  }
  // Entitlements (rules/entitlements.ts): a whole set (the compensation's), or codes added and removed under the lock.
  if (update.entitlements || update.entitlements_add || update.entitlements_remove) {
    const change = { add: checkedEntitlements(update.entitlements_add ?? []), remove: checkedEntitlements(update.entitlements_remove ?? []) }
    normalised.entitlements = changeEntitlements(update.entitlements ? checkedEntitlements(update.entitlements) : locked.entitlements, change)
  }
  const before = { ...locked, expires_at: isoDate(locked.expires_at) }
  const after = { ...before }
  const changes: LicenseDetailsChange["changes"] = {}
  for (const field of LICENSE_DETAIL_FIELDS) {
    const value = normalised[field]
    if (value === undefined) {
      continue
    }
    const to = field === "expires_at" ? isoDate(value as Date | null) : value
    if (JSON.stringify(to) !== JSON.stringify(before[field])) {
      changes[field] = { from: before[field], to } as never
      ;(after as Record<string, unknown>)[field] = to
    }
  }
  const versionChanged = changes.version_mode || changes.version_pinned || changes.version_range
  if (versionChanged) {
    checkVersionPolicy(after.version_mode, after.version_pinned, after.version_range)
  }
  if (Object.keys(changes).length) {
    const values = Object.fromEntries(Object.keys(changes).map((field) => [field, normalised[field as LicenseDetailField]]))
    // An expiry the admin sets ends a first-activation key's wait for its term to start (rules/expiry.ts).
    const termStart = changes.expires_at ? { activation_term_days: null } : {}
    await this.updateLicenses({ id, ...values, ...termStart }, sharedContext)
    await this.createLicenseEvents(licenseEventRow(id, LicenseEventType.UPDATED, actor, { changes }), sharedContext)
  }
  return { id, before, changes }
}

/** What an admin may edit on a license; an absent field is left as it is. */
export type LicenseDetailsUpdate = ControlsInput & {
  /** null = lifetime. */
  expires_at?: Date | null
  /** 0 = unlimited. */
  max_activations?: number
  notes?: string | null
  /** The deactivation budget per rolling 30 days: null = the policy's, 0 = unlimited (docs/admin.md). */
  deactivations_per_30_days?: number | null
  /** The customer identity's Discord user id (rules/discord-id.ts); null removes it. */
  customer_discord_id?: string | null
  /** The key's entitlement codes as a whole set; with the two below, they apply in that order. */
  entitlements?: string[]
  /** Entitlement codes to add to and remove from the key (docs/entitlements-and-license-files.md). */
  entitlements_add?: string[]
  entitlements_remove?: string[]
}

/** The editable fields, in the order the `updated` event lists them. */
const LICENSE_DETAIL_FIELDS = [
  "expires_at",
  "max_activations",
  "notes",
  "version_mode",
  "version_pinned",
  "version_range",
  "custom_data",
  "blocked_domains",
  "blocked_ips",
  "deactivations_per_30_days",
  "customer_discord_id",
  "entitlements",
] as const
type LicenseDetailField = (typeof LICENSE_DETAIL_FIELDS)[number]

/** A license's editable values, dates as ISO strings. */
export type LicenseDetails = {
  expires_at: string | null
  max_activations: number
  notes: string | null
  version_mode: VersionMode | null
  version_pinned: string | null
  version_range: string | null
  custom_data: Record<string, unknown> | null
  blocked_domains: string[] | null
  blocked_ips: string[] | null
  deactivations_per_30_days: number | null
  customer_discord_id: string | null
  entitlements: string[]
}

const isoDate = (date: Date | string | null) => (date === null ? null : new Date(date).toISOString())

/** The result of an edit: the values before it and each field it changed (ISO dates). */
export type LicenseDetailsChange = {
  id: string
  before: LicenseDetails
  changes: { [F in LicenseDetailField]?: { from: LicenseDetails[F]; to: LicenseDetails[F] } }
}
