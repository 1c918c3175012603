import type { Context, InferTypeOf } from "@medusajs/framework/types"
import { InjectTransactionManager, MedusaContext, MedusaService } from "@medusajs/framework/utils"
import { transactionKnex } from "./database"
import { LicenseKeyVault } from "./keys/key-vault"
import { formatLicenseKey, generateKeyBody, keyHint, parseLicenseKey } from "./keys/license-key"
import { expiryFromTerm } from "./license-status"
import { License, LicenseActivation, LicenseEvent, LicensePolicy } from "./models"
import { type LicenseModuleOptions, type ResolvedLicenseOptions, resolveLicenseOptions } from "./options"
import { type LicenseActor, LicenseEventType } from "./types"

export type LicenseDTO = InferTypeOf<typeof License>
export type LicensePolicyDTO = InferTypeOf<typeof LicensePolicy>

/** One licensed unit to issue a key for. */
export type IssueLicenseInput = {
  customer_id?: string | null
  customer_email?: string | null
  order_id?: string | null
  order_display_id?: number | null
  /** With line_item_id, issuance is idempotent per (line_item_id, unit_index). */
  line_item_id?: string | null
  unit_index?: number
  product_id?: string | null
  variant_id?: string | null
  product_title?: string | null
  variant_title?: string | null
  max_activations: number
  /** Explicit expiry wins over term_days; both absent = lifetime. */
  expires_at?: Date | null
  term_days?: number | null
  notes?: string | null
  metadata?: Record<string, unknown> | null
}

export type IssueLicensesResult = {
  /** Licenses this call created. */
  created: LicenseDTO[]
  /** Licenses that already existed for the requested units. */
  existing: LicenseDTO[]
}

export type LicensePolicyInput = {
  variant_id: string
  licensed: boolean
  max_activations: number
  term_days: number | null
}

const unitKey = (lineItemId: string, unitIndex: number) => `${lineItemId}#${unitIndex}`

export default class LicenseModuleService extends MedusaService({
  License,
  LicenseActivation,
  LicenseEvent,
  LicensePolicy,
}) {
  protected readonly options_: ResolvedLicenseOptions
  protected readonly vault_: LicenseKeyVault

  constructor(container: Record<string, unknown>, options: LicenseModuleOptions) {
    // eslint-disable-next-line prefer-rest-params
    super(...arguments)
    this.options_ = resolveLicenseOptions(options)
    this.vault_ = new LicenseKeyVault(this.options_.secret)
  }

  getOptions(): ResolvedLicenseOptions {
    return this.options_
  }

  /** The full key of a license, for its owner and the admin. */
  revealKey(license: Pick<LicenseDTO, "key_encrypted">): string {
    return formatLicenseKey(this.vault_.decrypt(license.key_encrypted), this.options_.keyPrefix)
  }

  /** The lookup hash of a typed key, or null when the key is malformed. */
  hashKey(input: unknown): string | null {
    const body = parseLicenseKey(input, this.options_.keyPrefix)
    return body ? this.vault_.hash(body) : null
  }

  /**
   * Issues one key per unit. Units of an order line item are issued at most
   * once: concurrent calls for the same orders are serialised by a transaction
   * advisory lock per order (held in PostgreSQL, so it works across server
   * instances), existing units are skipped, and the unique index on
   * (line_item_id, unit_index) is the last guard.
   */
  @InjectTransactionManager()
  async issueLicenses(
    units: IssueLicenseInput[],
    actor: LicenseActor,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<IssueLicensesResult> {
    const knex = transactionKnex(sharedContext)
    const orderIds = [...new Set(units.map((u) => u.order_id).filter((id): id is string => !!id))].sort()
    for (const orderId of orderIds) {
      await knex.raw("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))", [`license-issuance:${orderId}`])
    }

    const lineItemIds = [...new Set(units.map((u) => u.line_item_id).filter((id): id is string => !!id))]
    const existing = lineItemIds.length
      ? await this.listLicenses({ line_item_id: lineItemIds }, { take: null }, sharedContext)
      : []
    const issuedUnits = new Set(existing.map((l) => unitKey(l.line_item_id!, l.unit_index)))

    const now = new Date()
    const toCreate = units
      .filter((u) => !u.line_item_id || !issuedUnits.has(unitKey(u.line_item_id, u.unit_index ?? 0)))
      .map((unit) => {
        const body = generateKeyBody()
        const { term_days, expires_at, ...rest } = unit
        return {
          ...rest,
          unit_index: unit.unit_index ?? 0,
          key_hash: this.vault_.hash(body),
          key_encrypted: this.vault_.encrypt(body),
          key_hint: keyHint(body),
          status: "active" as const,
          expires_at: expires_at !== undefined ? expires_at : expiryFromTerm(term_days, now),
          activations_used: 0,
        }
      })

    const created = toCreate.length ? await this.createLicenses(toCreate, sharedContext) : []
    if (created.length) {
      await this.createLicenseEvents(
        created.map((license) => ({
          license_id: license.id,
          type: LicenseEventType.ISSUED,
          actor_type: actor.type,
          actor_id: actor.id ?? null,
          data: {
            order_id: license.order_id,
            line_item_id: license.line_item_id,
            unit_index: license.unit_index,
            max_activations: license.max_activations,
            expires_at: license.expires_at,
          },
        })),
        sharedContext
      )
    }
    return { created, existing }
  }

  /** Creates or updates the policies of a product's variants. */
  @InjectTransactionManager()
  async setProductPolicies(
    productId: string,
    policies: LicensePolicyInput[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<LicensePolicyDTO[]> {
    const current = await this.listLicensePolicies(
      { variant_id: policies.map((p) => p.variant_id) },
      { take: null },
      sharedContext
    )
    const byVariant = new Map(current.map((p) => [p.variant_id, p]))
    const toUpdate = policies
      .filter((p) => byVariant.has(p.variant_id))
      .map((p) => ({ id: byVariant.get(p.variant_id)!.id, product_id: productId, ...p }))
    const toCreate = policies.filter((p) => !byVariant.has(p.variant_id)).map((p) => ({ product_id: productId, ...p }))
    if (toUpdate.length) {
      await this.updateLicensePolicies(toUpdate, sharedContext)
    }
    if (toCreate.length) {
      await this.createLicensePolicies(toCreate, sharedContext)
    }
    return await this.listLicensePolicies({ product_id: productId }, { take: null }, sharedContext)
  }
}
