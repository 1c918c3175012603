import type { Context, InferTypeOf } from "@medusajs/framework/types"
import { InjectTransactionManager, MedusaContext, MedusaService } from "@medusajs/framework/utils"
import { transactionKnex } from "./database"
import { LicenseKeyVault } from "./keys/key-vault"
import { formatLicenseKey, generateKeyBody, keyHint, parseLicenseKey } from "./keys/license-key"
import { buildLicenseFilters, type LicenseSearch } from "./license-filters"
import { expiryFromTerm } from "./license-status"
import { License, LicenseActivation, LicenseEvent, LicensePolicy } from "./models"
import { type LicenseModuleOptions, type ResolvedLicenseOptions, resolveLicenseOptions } from "./options"
import { type LicenseActor, LicenseEventType } from "./types"

// Verify API imports (Knex: see "Revocation imports")
import { ContainerRegistrationKeys, InjectManager } from "@medusajs/framework/utils"
import {
  DEACTIVATE_MESSAGES,
  DeactivateCode,
  type DeactivateAnswer,
  type LicenseSummary,
  rateLimited,
  VERIFY_MESSAGES,
  VerifyCode,
  type VerifyAnswer,
  type VerifyApiResult,
  type VerifyRequestError,
} from "./verify/answers"
import {
  insertActivationEvent,
  recordRefusal,
  releaseActivationSlot,
  takeActivationSlot,
  type TakeSlotResult,
  type VerifyLicenseRow,
  writeLastSeen,
} from "./verify/activation-sql"
import { clientIp, rateLimitBucket } from "./verify/client-ip"
import { InvalidDomainError, resolveIdentity, type VerifyIdentity } from "./verify/identity"
import type { LastSeenEntry } from "./verify/last-seen-batcher"
import { LAST_SEEN_RESOLUTION_MS, licenseSummary, managerKnex, productMismatch, type VerifyRequest, verifyRefusal } from "./verify/verify-rules"
import { VerifyRuntime, type VerifyLogger } from "./verify/runtime"
import type { PublicSigningKey } from "./verify/signer"

// Revocation imports
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { type RefundAmounts, refundRevokesLicenses } from "./options"

// Admin actions imports
import { MedusaError } from "@medusajs/framework/utils"
import type { ReleasedSlot } from "./verify/activation-sql"

// Customer account imports
import {
  type CustomerActivation,
  type CustomerDeactivationPolicy,
  CustomerLicenseErrorCode,
  cooldownRemainingSeconds,
  describeWait,
  findCustomerLicenseId,
  lastCustomerRelease,
  lockCustomerReleases,
  pageCustomerLicenseIds,
  type ReleaseCustomerActivationResult,
} from "./customer-account"
import { releaseActivationSlotById } from "./verify/activation-sql"

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
          customer_id: null,
          customer_email: null,
          order_id: null,
          order_display_id: null,
          line_item_id: null,
          product_id: null,
          variant_id: null,
          product_title: null,
          variant_title: null,
          notes: null,
          metadata: null,
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

  /** Lists licenses matching an admin or API search, newest first by default. */
  async searchLicenses(
    search: LicenseSearch,
    config: { skip?: number; take?: number; order?: Record<string, "ASC" | "DESC"> } = {}
  ): Promise<[LicenseDTO[], number]> {
    const filters = buildLicenseFilters(search, (q) => this.hashKey(q))
    const order = config.order ?? { created_at: "DESC" }
    // Keys issued together share a timestamp: the id breaks ties so pages never repeat or skip rows.
    const tieBreaker = Object.values(order)[0] ?? "DESC"
    return await this.listAndCountLicenses(filters, {
      skip: config.skip ?? 0,
      take: config.take ?? 20,
      order: { ...order, id: tieBreaker },
    })
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

  // Verify API ------------------------------------------------------------------
  // The public answers for installed products: POST /licenses/verify,
  // POST /licenses/deactivate, GET /licenses/public-key (docs/verify-api.md).
  // The SQL is in ./verify/activation-sql.ts; everything here is one request's flow.

  private verifyRuntime_?: VerifyRuntime

  __hooks = {
    onApplicationPrepareShutdown: async () => {
      await this.verifyRuntime_?.lastSeen.flush()
    },
    onApplicationShutdown: async () => {
      await this.verifyRuntime_?.close()
    },
  }

  /** Answers `POST /licenses/verify`: takes a slot for a new identity when one is free. */
  async verifyLicense(request: VerifyRequest): Promise<VerifyApiResult<VerifyAnswer>> {
    const runtime = this.verifyRuntime()
    const caller = await this.verifyCaller_(request, runtime)
    if ("type" in caller) {
      return caller
    }
    const { ip, bucket, identity } = caller
    const answer = (code: VerifyCode, licenseKey: string | null, license: LicenseSummary | null) =>
      ({
        type: "answer",
        answer: runtime.signer.sign<VerifyAnswer>({
          valid: code === VerifyCode.VALID,
          code,
          message: VERIFY_MESSAGES[code],
          license_key: licenseKey,
          identity,
          license,
        }),
      }) as const

    const body = parseLicenseKey(request.license_key, this.options_.keyPrefix)
    if (!body) {
      await runtime.limiter.recordFailure(bucket)
      return answer(VerifyCode.MALFORMED, null, null)
    }
    const licenseKey = formatLicenseKey(body, this.options_.keyPrefix)
    const row = await this.findLicenseForVerify_(this.vault_.hash(body), identity)
    if (!row) {
      await runtime.limiter.recordFailure(bucket)
      return answer(VerifyCode.NOT_FOUND, licenseKey, null)
    }

    const now = new Date()
    const refusal = verifyRefusal(row, request, now)
    if (refusal) {
      await this.recordVerifyRefusal_(row.id, refusal, identity, ip)
      return answer(refusal, licenseKey, licenseSummary(row, now))
    }
    if (row.activation_id) {
      if (!row.last_seen_at || now.getTime() - new Date(row.last_seen_at).getTime() > LAST_SEEN_RESOLUTION_MS) {
        runtime.lastSeen.add({ activationId: row.activation_id, seenAt: now, ip })
      }
      return answer(VerifyCode.VALID, licenseKey, licenseSummary(row, now))
    }

    const slot = await this.takeVerifySlot_(row, identity, ip)
    if (slot.outcome === "refused") {
      const current = { ...row, ...slot.license }
      const code = verifyRefusal(current, request, new Date()) ?? VerifyCode.MAX_ACTIVATIONS_EXCEEDED
      await this.recordVerifyRefusal_(row.id, code, identity, ip)
      return answer(code, licenseKey, licenseSummary(current, now))
    }
    return answer(VerifyCode.VALID, licenseKey, licenseSummary({ ...row, activations_used: slot.activationsUsed }, now))
  }

  /** Answers `POST /licenses/deactivate`: frees the slot held by the caller's own identity. */
  async deactivateLicense(request: VerifyRequest): Promise<VerifyApiResult<DeactivateAnswer>> {
    const runtime = this.verifyRuntime()
    const caller = await this.verifyCaller_(request, runtime)
    if ("type" in caller) {
      return caller
    }
    const { ip, bucket, identity } = caller
    const answer = (code: DeactivateCode, licenseKey: string | null, license: LicenseSummary | null) =>
      ({
        type: "answer",
        answer: runtime.signer.sign<DeactivateAnswer>({
          deactivated: code === DeactivateCode.DEACTIVATED,
          code,
          message: DEACTIVATE_MESSAGES[code],
          license_key: licenseKey,
          identity,
          license,
        }),
      }) as const

    const body = parseLicenseKey(request.license_key, this.options_.keyPrefix)
    if (!body) {
      await runtime.limiter.recordFailure(bucket)
      return answer(DeactivateCode.MALFORMED, null, null)
    }
    const licenseKey = formatLicenseKey(body, this.options_.keyPrefix)
    const row = await this.findLicenseForVerify_(this.vault_.hash(body), identity)
    if (!row) {
      await runtime.limiter.recordFailure(bucket)
      return answer(DeactivateCode.NOT_FOUND, licenseKey, null)
    }
    const now = new Date()
    if (productMismatch(row, request)) {
      return answer(DeactivateCode.PRODUCT_MISMATCH, licenseKey, licenseSummary(row, now))
    }
    const released = row.activation_id ? await this.releaseVerifySlot_(row.id, identity, ip) : null
    if (!released) {
      return answer(DeactivateCode.NOT_ACTIVATED, licenseKey, licenseSummary(row, now))
    }
    return answer(
      DeactivateCode.DEACTIVATED,
      licenseKey,
      licenseSummary({ ...row, activations_used: released.activationsUsed }, now)
    )
  }

  /**
   * Who is asking: the client IP (through the trusted proxy hops), its
   * rate-limit bucket and the identity that holds a slot; or the 400 / 429 to
   * answer instead.
   */
  private async verifyCaller_(
    request: VerifyRequest,
    runtime: VerifyRuntime
  ): Promise<VerifyRequestError | { ip: string; bucket: string; identity: VerifyIdentity }> {
    const ip = clientIp(request.remote_address, request.forwarded_for, this.options_.verify.trustedProxyHops)
    if (!ip) {
      return { type: "invalid_request", message: "The client address could not be determined" }
    }
    const bucket = rateLimitBucket(ip)
    const retryAfter = await runtime.limiter.check(bucket)
    if (retryAfter !== null) {
      return rateLimited(retryAfter)
    }
    try {
      return { ip, bucket, identity: resolveIdentity(request.domain, ip) }
    } catch (error) {
      if (error instanceof InvalidDomainError) {
        return { type: "invalid_request", message: error.message }
      }
      throw error
    }
  }

  /** The key that verifies every answer's signature, as PEM and JWK. */
  getVerifyPublicKey(): PublicSigningKey {
    return this.verifyRuntime().signer.publicKey
  }

  /** Writes pending last-seen notes now (shutdown, tests). */
  async flushVerifyWrites(): Promise<void> {
    await this.verifyRuntime_?.lastSeen.flush()
  }

  protected verifyRuntime(): VerifyRuntime {
    if (!this.verifyRuntime_) {
      const knex = (this as unknown as { __container__: Record<string, Knex> }).__container__[
        ContainerRegistrationKeys.PG_CONNECTION
      ]
      this.verifyRuntime_ = new VerifyRuntime(this.options_.verify, this.verifyLogger_(), knex, (entries) =>
        this.writeLastSeen_(entries)
      )
    }
    return this.verifyRuntime_
  }

  private verifyLogger_(): VerifyLogger {
    try {
      const logger = (this as unknown as { __container__: Record<string, unknown> }).__container__.logger as
        | VerifyLogger
        | undefined
      if (logger) {
        return logger
      }
    } catch {
      // no logger registered in this container
    }
    return console
  }

  /** The hot path's single query (shared by the verifies of one event-loop turn). */
  protected async findLicenseForVerify_(keyHash: string, identity: VerifyIdentity): Promise<VerifyLicenseRow | null> {
    return await this.verifyRuntime().lookups.find(keyHash, identity)
  }

  @InjectTransactionManager()
  protected async takeVerifySlot_(
    row: VerifyLicenseRow,
    identity: VerifyIdentity,
    ip: string,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<TakeSlotResult> {
    const trx = transactionKnex(sharedContext)
    const result = await takeActivationSlot(trx, row.id, identity, ip)
    if (result.outcome === "taken") {
      await insertActivationEvent(trx, "activated", row.id, identity, {
        ip,
        activation_id: result.activationId,
        activations_used: result.activationsUsed,
        max_activations: row.max_activations,
      })
    }
    return result
  }

  @InjectTransactionManager()
  protected async releaseVerifySlot_(
    licenseId: string,
    identity: VerifyIdentity,
    ip: string,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ activationId: string; activationsUsed: number } | null> {
    const trx = transactionKnex(sharedContext)
    const released = await releaseActivationSlot(trx, licenseId, identity)
    if (released) {
      await insertActivationEvent(trx, "deactivated", licenseId, identity, {
        ip,
        activation_id: released.activationId,
        activations_used: released.activationsUsed,
      })
    }
    return released
  }

  protected async recordVerifyRefusal_(
    licenseId: string,
    reason: VerifyCode,
    identity: VerifyIdentity,
    ip: string
  ): Promise<void> {
    try {
      await this.writeVerifyRefusal_(licenseId, reason, identity, ip)
    } catch (error) {
      // The answer matters more than its audit row.
      this.verifyLogger_().error("License keys: could not record an activation refusal", error)
    }
  }

  @InjectTransactionManager()
  protected async writeVerifyRefusal_(
    licenseId: string,
    reason: VerifyCode,
    identity: VerifyIdentity,
    ip: string,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<void> {
    await recordRefusal(transactionKnex(sharedContext), licenseId, reason, identity, ip)
  }

  @InjectManager()
  protected async writeLastSeen_(entries: LastSeenEntry[], @MedusaContext() sharedContext: Context = {}) {
    await writeLastSeen(managerKnex(sharedContext), entries)
  }

  // Revocation ---
  // Refunds, cancellations, returns and Stripe disputes (docs/revocation.md).
  // Every change is one conditional UPDATE ... RETURNING in a transaction: the
  // rows it returns are exactly the licenses this call changed, so a duplicate
  // delivery or a concurrent handler (another server instance included) changes
  // nothing twice and each change writes exactly one license event.
  // Revocation is permanent: nothing here turns a revoked license back.

  /** Whether a refund of `refunded` out of `paid` revokes an order's keys (option `revokeOn`). */
  refundRevokesLicenses(amounts: RefundAmounts): boolean {
    return refundRevokesLicenses(this.options_.revocation.revokeOn, amounts)
  }

  /** The signing secret of the Stripe webhook endpoint, or null when none is configured. */
  getStripeWebhookSecret(): string | null {
    return this.options_.revocation.stripeWebhookSecret
  }

  /** Revokes every not yet revoked license of the selection (suspended ones included). */
  @InjectTransactionManager()
  async revokeLicenses(
    selector: LicenseSelector,
    change: LicenseStatusChangeInput,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<LicenseStatusChange[]> {
    const knex = transactionKnex(sharedContext)
    const changed = await this.changeStatus_(knex, selector, "revoked", change.reason)
    await this.recordStatusChanges_(changed, LicenseEventType.REVOKED, change, sharedContext)
    return changed
  }

  /**
   * Revokes the keys of returned units: for each line item, as many keys as its
   * returned quantity, counting those already revoked for a return, so that the
   * same return delivered twice (or two returns reported together) revokes each
   * unit once. A key with no held activation goes first, else the newest.
   */
  @InjectTransactionManager()
  async revokeReturnedUnits(
    units: ReturnedUnits[],
    change: Omit<LicenseStatusChangeInput, "reason">,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<LicenseStatusChange[]> {
    const returned = new Map<string, number>()
    for (const unit of units) {
      if (unit.line_item_id && unit.returned_quantity > 0) {
        returned.set(unit.line_item_id, (returned.get(unit.line_item_id) ?? 0) + unit.returned_quantity)
      }
    }
    if (!returned.size) {
      return []
    }
    const knex = transactionKnex(sharedContext)
    // Locks every key of these line items: a concurrent call waits here and
    // then counts what this one revoked.
    const { rows } = await knex.raw<{ rows: ReturnCandidateRow[] }>(
      `SELECT id, line_item_id, unit_index, status, revoke_reason, activations_used, created_at
         FROM license
        WHERE deleted_at IS NULL AND line_item_id = ANY(?::text[])
        ORDER BY id
          FOR UPDATE`,
      [[...returned.keys()]]
    )
    const toRevoke: string[] = []
    for (const [lineItemId, quantity] of returned) {
      const keys = rows.filter((row) => row.line_item_id === lineItemId)
      const alreadyReturned = keys.filter((k) => k.status === "revoked" && k.revoke_reason === RevokeReason.RETURN).length
      const missing = Math.max(0, quantity - alreadyReturned)
      const candidates = keys
        .filter((k) => k.status !== "revoked")
        .sort(
          (a, b) =>
            Number(a.activations_used > 0) - Number(b.activations_used > 0) ||
            new Date(b.created_at).getTime() - new Date(a.created_at).getTime() ||
            b.unit_index - a.unit_index
        )
      toRevoke.push(...candidates.slice(0, missing).map((k) => k.id))
    }
    if (!toRevoke.length) {
      return []
    }
    const changed = await this.changeStatus_(knex, { license_ids: toRevoke }, "revoked", RevokeReason.RETURN)
    await this.recordStatusChanges_(
      changed,
      LicenseEventType.REVOKED,
      { ...change, reason: RevokeReason.RETURN },
      sharedContext
    )
    return changed
  }

  /** Suspends the active licenses of the selection (a dispute); revoked ones stay revoked. */
  @InjectTransactionManager()
  async suspendLicenses(
    selector: LicenseSelector,
    change: LicenseStatusChangeInput,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<LicenseStatusChange[]> {
    const knex = transactionKnex(sharedContext)
    const changed = await this.changeStatus_(knex, selector, "suspended")
    await this.recordStatusChanges_(changed, LicenseEventType.SUSPENDED, change, sharedContext)
    return changed
  }

  /**
   * Reinstates the suspended licenses of the selection whose latest `suspended`
   * event carries `suspendedWith` in its data (e.g. `{ reason: "dispute" }`): a
   * dispute won reinstates only what a dispute suspended, never a license the
   * admin suspended, and never a revoked one.
   */
  @InjectTransactionManager()
  async reinstateLicenses(
    selector: LicenseSelector,
    suspendedWith: Record<string, string>,
    change: LicenseStatusChangeInput,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<LicenseStatusChange[]> {
    const knex = transactionKnex(sharedContext)
    const changed = await this.changeStatus_(knex, selector, "active", null, suspendedWith)
    await this.recordStatusChanges_(changed, LicenseEventType.REINSTATED, change, sharedContext)
    return changed
  }

  /**
   * The one statement behind every status change. The locking sub-select only
   * keeps rows whose current status allows the change; a concurrent caller waits
   * on the row locks and then, re-reading the committed rows, finds nothing to do.
   */
  private async changeStatus_(
    knex: Knex.Transaction,
    selector: LicenseSelector,
    to: "revoked" | "suspended" | "active",
    revokeReason: string | null = null,
    suspendedWith: Record<string, string> | null = null
  ): Promise<LicenseStatusChange[]> {
    const where: string[] = ["deleted_at IS NULL"]
    const bindings: Knex.RawBinding[] = []
    if (selector.order_id) {
      where.push("order_id = ?")
      bindings.push(selector.order_id)
    }
    if (selector.license_ids) {
      where.push("id = ANY(?::text[])")
      bindings.push(selector.license_ids)
    }
    if (!selector.order_id && !selector.license_ids) {
      throw new Error("License module: a status change needs an order_id or license_ids.")
    }
    if (selector.order_id === "" || selector.license_ids?.length === 0) {
      return []
    }
    let set: string
    const setBindings: Knex.RawBinding[] = []
    switch (to) {
      case "revoked":
        where.push("status <> 'revoked'")
        set = "status = 'revoked', revoked_at = now(), revoke_reason = ?, updated_at = now()"
        setBindings.push(revokeReason)
        break
      case "suspended":
        where.push("status = 'active'")
        set = "status = 'suspended', updated_at = now()"
        break
      case "active":
        where.push("status = 'suspended'")
        where.push(
          `(SELECT e.data FROM license_event e
             WHERE e.license_id = license.id AND e.type = 'suspended' AND e.deleted_at IS NULL
             ORDER BY e.created_at DESC, e.id DESC LIMIT 1) @> ?::jsonb`
        )
        bindings.push(JSON.stringify(suspendedWith ?? {}))
        set = "status = 'active', updated_at = now()"
        break
    }
    const { rows } = await knex.raw<{ rows: LicenseStatusChange[] }>(
      `WITH target AS (
         SELECT id, status FROM license WHERE ${where.join(" AND ")} ORDER BY id FOR UPDATE
       )
       UPDATE license AS l SET ${set}
         FROM target
        WHERE l.id = target.id
       RETURNING l.id, l.order_id, l.line_item_id, l.unit_index, l.customer_id, l.status,
                 target.status AS previous_status`,
      [...bindings, ...setBindings]
    )
    return rows
  }

  private async recordStatusChanges_(
    changed: LicenseStatusChange[],
    type: LicenseEventType,
    change: LicenseStatusChangeInput,
    sharedContext: Context
  ): Promise<void> {
    if (!changed.length) {
      return
    }
    await this.createLicenseEvents(
      changed.map((license) => ({
        license_id: license.id,
        type,
        actor_type: change.actor.type,
        actor_id: change.actor.id ?? null,
        data: {
          ...(change.data ?? {}),
          reason: change.reason,
          order_id: license.order_id,
          previous_status: license.previous_status,
        },
      })),
      sharedContext
    )
  }

  // Admin actions ---
  // What the admin does on the license pages that no other flow owns
  // (docs/admin.md): editing a license and exporting the list. Status changes
  // go through Revocation above; freeing slots through Customer account.

  /**
   * Edits expiry, max activations and notes under a row lock, and records one
   * `updated` event with the before/after value of every field that changed
   * (none when nothing changed). Lowering max_activations below the used count
   * keeps the held slots: the Verify API refuses new identities until enough
   * are freed, because it only takes a slot while activations_used < max.
   */
  @InjectTransactionManager()
  async updateLicenseDetails(
    id: string,
    update: LicenseDetailsUpdate,
    actor: LicenseActor,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<LicenseDetailsChange> {
    if (
      update.max_activations !== undefined &&
      (!Number.isInteger(update.max_activations) || update.max_activations < 0)
    ) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, "max_activations must be a whole number of 0 or more")
    }
    const knex = transactionKnex(sharedContext)
    const { rows } = await knex.raw<{ rows: LicenseDetails[] }>(
      `SELECT expires_at, max_activations, notes FROM license WHERE id = ? AND deleted_at IS NULL FOR UPDATE`,
      [id]
    )
    if (!rows.length) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `License with id: ${id} was not found`)
    }
    const before = rows[0]
    const changes: LicenseDetailsChange["changes"] = {}
    const iso = (date: Date | string | null) => (date === null ? null : new Date(date).toISOString())
    if (update.expires_at !== undefined && iso(update.expires_at) !== iso(before.expires_at)) {
      changes.expires_at = { from: iso(before.expires_at), to: iso(update.expires_at) }
    }
    if (update.max_activations !== undefined && update.max_activations !== before.max_activations) {
      changes.max_activations = { from: before.max_activations, to: update.max_activations }
    }
    const notes = update.notes === undefined ? undefined : update.notes?.trim() || null
    if (notes !== undefined && notes !== before.notes) {
      changes.notes = { from: before.notes, to: notes }
    }
    if (Object.keys(changes).length) {
      await this.updateLicenses(
        {
          id,
          ...(changes.expires_at ? { expires_at: update.expires_at ?? null } : {}),
          ...(changes.max_activations ? { max_activations: update.max_activations } : {}),
          ...(changes.notes ? { notes } : {}),
        },
        sharedContext
      )
      await this.createLicenseEvents(
        {
          license_id: id,
          type: LicenseEventType.UPDATED,
          actor_type: actor.type,
          actor_id: actor.id ?? null,
          data: { changes },
        },
        sharedContext
      )
    }
    return { id, before: { ...before, expires_at: iso(before.expires_at) }, changes }
  }

  /**
   * One batch of an export: the licenses matching `search` whose id sorts after
   * `afterId`, in id order. Keyset paging keeps every read an index range scan,
   * however deep the export, and lets a caller stream any number of licenses
   * while holding one batch in memory.
   */
  async listLicensesForExport(search: LicenseSearch, afterId: string | null, take: number): Promise<LicenseDTO[]> {
    const filters = buildLicenseFilters(search, (q) => this.hashKey(q))
    return await this.listLicenses(afterId ? { $and: [filters, { id: { $gt: afterId } }] } : filters, {
      take,
      order: { id: "ASC" },
    })
  }

  /**
   * The admin frees one held slot ("Free slot"): the same release statement as
   * the customer's and the Verify API's, without the customer's rules (store
   * option, cool-down), and a `deactivated` event naming the admin.
   */
  @InjectTransactionManager()
  async releaseActivationAsAdmin(
    licenseId: string,
    activationId: string,
    actor: LicenseActor,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<ReleasedSlot> {
    const trx = transactionKnex(sharedContext)
    await this.lockLicenseForAdmin_(trx, licenseId)
    const released = await releaseActivationSlotById(trx, licenseId, activationId)
    if (!released) {
      throw new MedusaError(
        MedusaError.Types.NOT_FOUND,
        `Activation ${activationId} does not hold a slot of license ${licenseId}`
      )
    }
    await this.createLicenseEvents(
      {
        license_id: licenseId,
        type: LicenseEventType.DEACTIVATED,
        actor_type: actor.type,
        actor_id: actor.id ?? null,
        data: {
          activation_id: released.activationId,
          kind: released.kind,
          identifier: released.identifier,
          activations_used: released.activationsUsed,
        },
      },
      sharedContext
    )
    return released
  }

  /**
   * The admin frees every held slot ("Reset all"): each through the shared
   * release statement, in one transaction, and one `reset` event listing them
   * (none when no slot was held).
   */
  @InjectTransactionManager()
  async resetActivations(
    licenseId: string,
    actor: LicenseActor,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ released: ReleasedSlot[]; activationsUsed: number }> {
    const trx = transactionKnex(sharedContext)
    const activationsBefore = await this.lockLicenseForAdmin_(trx, licenseId)
    const { rows } = await trx.raw<{ rows: { id: string }[] }>(
      `SELECT id FROM license_activation
        WHERE license_id = ? AND released_at IS NULL AND deleted_at IS NULL
        ORDER BY first_seen_at, id`,
      [licenseId]
    )
    const released: ReleasedSlot[] = []
    for (const { id } of rows) {
      const slot = await releaseActivationSlotById(trx, licenseId, id)
      if (slot) {
        released.push(slot)
      }
    }
    const activationsUsed = released.length ? released[released.length - 1].activationsUsed : activationsBefore
    if (released.length) {
      await this.createLicenseEvents(
        {
          license_id: licenseId,
          type: LicenseEventType.RESET,
          actor_type: actor.type,
          actor_id: actor.id ?? null,
          data: {
            released: released.length,
            activations_used: activationsUsed,
            slots: released.map((slot) => ({ activation_id: slot.activationId, kind: slot.kind, identifier: slot.identifier })),
          },
        },
        sharedContext
      )
    }
    return { released, activationsUsed }
  }

  /** Locks the license row for an admin change and returns its activations_used; 404 when there is none. */
  private async lockLicenseForAdmin_(trx: Knex.Transaction, licenseId: string): Promise<number> {
    const { rows } = await trx.raw<{ rows: { activations_used: number }[] }>(
      `SELECT activations_used FROM license WHERE id = ? AND deleted_at IS NULL FOR UPDATE`,
      [licenseId]
    )
    if (!rows.length) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `License with id: ${licenseId} was not found`)
    }
    return rows[0].activations_used
  }

  // Customer account ---
  // What a logged-in customer sees and may do in the storefront's Account ->
  // Licenses (/store/customers/me/licenses, docs/storefront.md). Every method
  // takes the customer id from the session, so a customer only ever reaches
  // their own licenses; someone else's answers exactly like an unknown id.

  /** The customer's licenses, active first (then expired, suspended, revoked), newest first within each. */
  @InjectManager()
  async listCustomerLicenses(
    customerId: string,
    page: { skip: number; take: number },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<[LicenseDTO[], number]> {
    const { ids, count } = await pageCustomerLicenseIds(managerKnex(sharedContext), customerId, page)
    if (!ids.length) {
      return [[], count]
    }
    const licenses = await this.listLicenses({ id: ids, customer_id: customerId }, { take: null }, sharedContext)
    const byId = new Map(licenses.map((license) => [license.id, license]))
    return [ids.map((id) => byId.get(id)).filter((l): l is LicenseDTO => !!l), count]
  }

  /** One of the customer's licenses with the slots it holds now (oldest first), or null when it is not theirs. */
  @InjectManager()
  async retrieveCustomerLicense(
    customerId: string,
    licenseId: string,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ license: LicenseDTO; activations: CustomerActivation[]; deactivation: CustomerDeactivationPolicy } | null> {
    const [license] = await this.listLicenses({ id: licenseId, customer_id: customerId }, { take: 1 }, sharedContext)
    if (!license) {
      return null
    }
    const held = await this.listLicenseActivations(
      { license_id: license.id, released_at: null },
      { take: null, order: { first_seen_at: "ASC", id: "ASC" } },
      sharedContext
    )
    const activations = held.map(({ id, kind, identifier, first_seen_at, last_seen_at }) => ({
      id,
      kind,
      identifier,
      first_seen_at,
      last_seen_at,
    }))
    const deactivation = await this.customerDeactivationPolicy_(license.id, managerKnex(sharedContext))
    return { license, activations, deactivation }
  }

  /**
   * The customer frees one slot of their own license: the activation row stays
   * (released_at) and activations_used drops in the same statement, and a
   * `deactivated` event names the customer. Refused with a typed code when the
   * license is not theirs, the store turned this off, a cool-down runs, or the
   * slot is not held.
   */
  @InjectTransactionManager()
  async releaseCustomerActivation(
    customerId: string,
    licenseId: string,
    activationId: string,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<ReleaseCustomerActivationResult> {
    const trx = transactionKnex(sharedContext)
    if (!(await findCustomerLicenseId(trx, customerId, licenseId))) {
      return { type: "refused", code: CustomerLicenseErrorCode.LICENSE_NOT_FOUND, message: "License not found" }
    }
    const options = this.options_.customer
    if (!options.canDeactivate) {
      return {
        type: "refused",
        code: CustomerLicenseErrorCode.DEACTIVATION_DISABLED,
        message: "This store does not let customers free activation slots. Please contact the store.",
      }
    }
    await lockCustomerReleases(trx, licenseId)
    if (options.deactivationCooldownSeconds > 0) {
      const wait = cooldownRemainingSeconds(
        await lastCustomerRelease(trx, licenseId),
        options.deactivationCooldownSeconds,
        new Date()
      )
      if (wait > 0) {
        return {
          type: "refused",
          code: CustomerLicenseErrorCode.DEACTIVATION_COOLDOWN,
          message: `You freed a slot of this license recently. Try again in ${describeWait(wait)}.`,
          retry_after: wait,
        }
      }
    }
    const released = await releaseActivationSlotById(trx, licenseId, activationId)
    if (!released) {
      return { type: "refused", code: CustomerLicenseErrorCode.ACTIVATION_NOT_FOUND, message: "Activation not found" }
    }
    await this.createLicenseEvents(
      [
        {
          license_id: licenseId,
          type: LicenseEventType.DEACTIVATED,
          actor_type: "customer" as const,
          actor_id: customerId,
          data: {
            activation_id: released.activationId,
            kind: released.kind,
            identifier: released.identifier,
            activations_used: released.activationsUsed,
          },
        },
      ],
      sharedContext
    )
    return {
      type: "released",
      activation_id: released.activationId,
      kind: released.kind,
      identifier: released.identifier,
      activations_used: released.activationsUsed,
    }
  }

  /** Whether the customer may free a slot of the license now, for the storefront to show or hide the button. */
  protected async customerDeactivationPolicy_(
    licenseId: string,
    db: Parameters<typeof lastCustomerRelease>[0]
  ): Promise<CustomerDeactivationPolicy> {
    const { canDeactivate, deactivationCooldownSeconds } = this.options_.customer
    if (!canDeactivate || deactivationCooldownSeconds <= 0) {
      return { allowed: canDeactivate, cooldown_seconds: deactivationCooldownSeconds, available_at: null }
    }
    const now = new Date()
    const wait = cooldownRemainingSeconds(await lastCustomerRelease(db, licenseId), deactivationCooldownSeconds, now)
    return {
      allowed: true,
      cooldown_seconds: deactivationCooldownSeconds,
      available_at: wait > 0 ? new Date(now.getTime() + wait * 1000) : null,
    }
  }
}

// Revocation types ---

/** Why a license was revoked (stored in revoke_reason and the event). */
export const RevokeReason = {
  REFUND: "refund",
  CANCELED: "canceled",
  RETURN: "return",
} as const
export type RevokeReason = (typeof RevokeReason)[keyof typeof RevokeReason]

/** Which licenses a status change applies to; at least one must be given. */
export type LicenseSelector = { order_id?: string; license_ids?: string[] }

export type LicenseStatusChangeInput = {
  actor: LicenseActor
  /** revoke_reason for revocations; recorded in the event data for every change. */
  reason: string
  /** More context for the event (payment id, Stripe event id, dispute id...). */
  data?: Record<string, unknown>
}

/** One license a status change actually changed. */
export type LicenseStatusChange = {
  id: string
  order_id: string | null
  line_item_id: string | null
  unit_index: number
  customer_id: string | null
  status: "active" | "suspended" | "revoked"
  previous_status: "active" | "suspended" | "revoked"
}

/** How many units of a line item have been returned in total. */
export type ReturnedUnits = { line_item_id: string; returned_quantity: number }

type ReturnCandidateRow = {
  id: string
  line_item_id: string
  unit_index: number
  status: string
  revoke_reason: string | null
  activations_used: number
  created_at: Date | string
}

// Admin actions types ---

/** What the admin may edit on a license; an absent field is left as it is. */
export type LicenseDetailsUpdate = {
  /** null = lifetime. */
  expires_at?: Date | null
  /** 0 = unlimited. */
  max_activations?: number
  notes?: string | null
}

type LicenseDetails = { expires_at: Date | string | null; max_activations: number; notes: string | null }

/** The result of an edit: the values before it and each field it changed (ISO dates). */
export type LicenseDetailsChange = {
  id: string
  before: { expires_at: string | null; max_activations: number; notes: string | null }
  changes: {
    expires_at?: { from: string | null; to: string | null }
    max_activations?: { from: number; to: number }
    notes?: { from: string | null; to: string | null }
  }
}
