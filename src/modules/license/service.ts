import type { Context, InferTypeOf } from "@medusajs/framework/types"
import { InjectTransactionManager, MedusaContext, MedusaService } from "@medusajs/framework/utils"
import { transactionKnex } from "./database"
import { LicenseKeyVault } from "./rules/key-vault"
import { formatLicenseKey, generateKeyBody, keyHint, parseLicenseKey } from "./rules/license-key"
import { buildLicenseFilters, type LicenseSearch } from "./rules/license-filters"
import { expiryFromTerm } from "./rules/license-status"
import { License, LicenseActivation, LicenseEvent, LicenseJobCursor, LicenseOrderRevocation, LicensePolicy } from "./models"
import { advanceJobCursor, readJobCursor } from "./sql/jobs"
import { lockOrdersForLicensing } from "./sql/order-locks"
import {
  addKeysRevokedForReturns,
  loadReturnDebts,
  loadWhollyRevokedOrders,
  recordReturnedQuantities,
  recordWholeOrderRevocation,
} from "./sql/order-revocations"
import {
  keysToRevokeForReturns,
  RETURN_REASON,
  type ReturnCandidate,
  unitsReturnedBeforeIssuance,
} from "./rules/returned-keys"
import { type LicenseModuleOptions, type ResolvedLicenseOptions, resolveLicenseOptions } from "./options"
import { type LicenseActor, LicenseActorType, LicenseEventType } from "./types"

// Verify API imports (Knex: see "Revocation imports")
import { ContainerRegistrationKeys, InjectManager } from "@medusajs/framework/utils"
import {
  DEACTIVATE_MESSAGES,
  DeactivateCode,
  type DeactivateAnswer,
  type LicenseSummary,
  INVALID_API_KEY,
  type RateLimited,
  rateLimited,
  RequestErrorCode,
  type Signed,
  VERIFY_MESSAGES,
  VerifyCode,
  type VerifyAnswer,
  type VerifyApiResult,
  type VerifyRequestError,
} from "./rules/verify-answers"
import {
  insertActivationEvent,
  recordRefusal,
  takeActivationSlot,
  type TakeSlotResult,
  type VerifyLicenseRow,
  writeLastSeen,
} from "./sql/activations"
import { clientIp, rateLimitBucket } from "./rules/client-ip"
import { InvalidDomainError, resolveIdentity, type VerifyIdentity } from "./rules/identity"
import type { LastSeenEntry } from "./verify/last-seen-batcher"
import { LAST_SEEN_RESOLUTION_MS, licenseSummary, managerKnex, productMismatch, type VerifyRequest, verifyRefusal } from "./rules/verify-rules"
import { VerifyRuntime, type VerifyLogger } from "./verify/runtime"
import type { PublicSigningKey } from "./verify/signer"

// Deactivation budget and history imports (docs/admin.md)
import { type DeactivationBudget, readDeactivationBudget, ReleasedBy } from "./rules/deactivation-budget"
import { type BudgetedRelease, releaseWithinBudget } from "./activations/release-within-budget"
import { checkDeactivationSetting } from "./rules/deactivation-setting"
import { type Page, pageLicenseActivations, pageLicenseEvents } from "./sql/history"
import { pruneLicenseHistory, type PruneResult } from "./sql/history-prune"

// Product controls imports (the Verify API reads the controls too)
import { apiKeyMatches, bearerToken, generateProductApiKey, hashProductApiKey } from "./rules/api-key"
import { type LicenseControls, licenseControls } from "./rules/license-controls"
import { addUsage, listUsageDays, type UsageDay } from "./sql/usage"
import { checkVersionPolicy, type ControlsInput, normaliseControlsInput } from "./rules/controls-input"
import type { VersionMode } from "./rules/version-gate"
import {
  defaultProductSettings,
  findProductByApiKeyHash,
  findProductSettings,
  lockProductSettings,
  type ProductLicenseSettings,
  type ProductLicenseSettingsUpdate,
  presentProductSettings,
  writeProductSettings,
} from "./controls/product-settings"
import { type LicenseLookupRequest, type LicenseLookupResult, presentLicenseForProduct } from "./controls/license-lookup"

// Revocation imports
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { type RefundAmounts, refundRevokesLicenses } from "./options"

// Admin actions imports
import { MedusaError } from "@medusajs/framework/utils"
import type { ReleasedSlot } from "./sql/activations"

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
} from "./rules/customer-account"
import { deactivationLimitRefusal } from "./rules/customer-refusal"
import { releaseActivationSlotById } from "./sql/activations"

// Webhooks and transfers imports
import type { IEventBusModuleService } from "@medusajs/framework/types"
import { generateEntityId } from "@medusajs/framework/utils"
import {
  LicenseExpiryNotice,
  LicenseProductSetting,
  LicenseTransferClaim,
  LicenseTransferRequest,
  LicenseUsageDay,
  LicenseWebhookDelivery,
  LicenseWebhookEndpoint,
} from "./models"
import type { ClaimRefusal } from "./rules/claim-codes"
import {
  discardClaim,
  expireStaleClaims,
  latestClaimsOf,
  lockOpenClaimOfRequest,
  markClaimUsed,
  setClaimCanceled,
  setRequestStatus,
  type TransferClaimView,
} from "./sql/transfer-claims"
import { lockClaimForRedeem, type OpenedClaim, openClaim } from "./transfers/claims"
import {
  normalizeEmail,
  TransferErrorCode,
  type TransferRefusal,
  TransferStatus,
} from "./rules/transfer-codes"
import {
  decideTransfer,
  findPendingTransfer,
  heldActivationIds,
  insertPendingTransfer,
  type LockedLicense,
  lockLicenseForTransfer,
  lockTransferRequest,
  moveLicense,
  type TransferRequestRow,
} from "./sql/transfers"
import { type LicenseEventName, LicenseEvents } from "./types"
import {
  type AttemptOutcome,
  type ClaimedDelivery,
  claimDueDeliveries,
  insertDeliveries,
  recordAttempt,
  requeueDelivery,
} from "./sql/webhook-deliveries"
import { isWebhookEventType, type WebhookEventType } from "./webhooks/events"
import { noteExpiryObserved } from "./sql/expiry-notices"
import { REFUSAL_WINDOW_SECONDS } from "./sql/activations"
import { type PostResult, postWebhook } from "./webhooks/http-post"
import { buildWebhookPayload } from "./webhooks/payload"
import { retryDelayMs } from "./webhooks/backoff"
import { generateWebhookSecret, webhookSecretHint } from "./webhooks/secret"
import { SendSlots } from "./webhooks/send-slots"
import { SIGNATURE_HEADER, signatureHeader } from "./webhooks/sign"
import { assertSafeWebhookUrl, WebhookUrlError } from "./webhooks/ssrf-guard"
import {
  presentWebhookEndpoint,
  WEBHOOK_LEASE_MARGIN_MS,
  WEBHOOK_SENDS_PER_PROCESS,
  type WebhookEndpointInput,
  type WebhookEndpointUpdate,
  type WebhookEndpointView,
  type WebhookSendSummary,
} from "./webhooks/types"

// Stripe webhook idempotency imports
import { LicenseStripeDispute, LicenseStripeEvent } from "./models"
import { applyStripeEvent, type ApplyStripeEventInput, type ApplyStripeEventResult } from "./revocation/apply-stripe-event"
// Issuance e-mail imports
import { LicenseIssuanceNotice } from "./models"
import {
  type ClaimedNotice,
  claimNotices,
  failAbandonedNotices,
  findNotice,
  type IssuanceNoticeRow,
  type NoticeOutcome,
  queueNotice,
  recordNoticeAttempt,
  requeueNotice,
  type RequeueResult,
  restoreNotice,
} from "./sql/issuance-notices"
import { ISSUANCE_NOTICE_LEASE_MS } from "./issuance-notice/policy"

export type LicenseDTO = InferTypeOf<typeof License>
export type LicenseWebhookDeliveryDTO = InferTypeOf<typeof LicenseWebhookDelivery>
export type LicenseTransferRequestDTO = InferTypeOf<typeof LicenseTransferRequest>
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
  /** Deactivations per rolling 30 days: null = 3 x max_activations, 0 = unlimited; absent = unchanged. */
  deactivations_per_30_days?: number | null
}

const unitKey = (lineItemId: string, unitIndex: number) => `${lineItemId}#${unitIndex}`

function countPerLine(licenses: { line_item_id: string | null }[]): Map<string, number> {
  const counts = new Map<string, number>()
  for (const { line_item_id } of licenses) {
    if (line_item_id) {
      counts.set(line_item_id, (counts.get(line_item_id) ?? 0) + 1)
    }
  }
  return counts
}

export default class LicenseModuleService extends MedusaService({
  License,
  LicenseActivation,
  LicenseEvent,
  LicensePolicy,
  LicenseWebhookEndpoint,
  LicenseWebhookDelivery,
  LicenseTransferRequest,
  LicenseExpiryNotice,
  LicenseProductSetting,
  LicenseUsageDay,
  LicenseOrderRevocation,
  LicenseJobCursor,
  LicenseStripeEvent,
  LicenseStripeDispute,
  LicenseIssuanceNotice,
  LicenseTransferClaim,
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
    await lockOrdersForLicensing(knex, orderIds)
    // A refund or cancellation that came before the keys (a lost order.placed) leaves the order unkeyed.
    const revokedOrders = await loadWhollyRevokedOrders(knex, orderIds)
    units = units.filter((u) => !u.order_id || !revokedOrders.has(u.order_id))

    const lineItemIds = [...new Set(units.map((u) => u.line_item_id).filter((id): id is string => !!id))]
    const existing = lineItemIds.length
      ? await this.listLicenses({ line_item_id: lineItemIds }, { take: null }, sharedContext)
      : []
    const issuedUnits = new Set(existing.map((l) => unitKey(l.line_item_id!, l.unit_index)))

    const now = new Date()
    const missing = units.filter((u) => !u.line_item_id || !issuedUnits.has(unitKey(u.line_item_id, u.unit_index ?? 0)))
    // Units returned before their keys existed are issued revoked.
    const issuedRevoked = unitsReturnedBeforeIssuance(missing, await loadReturnDebts(knex, orderIds))
    const toCreate = missing.map((unit) => {
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
          ...(issuedRevoked.has(unit)
            ? { status: "revoked" as const, revoke_reason: RevokeReason.RETURN, revoked_at: now }
            : { status: "active" as const }),
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
    const bornRevoked = created.filter((license) => license.status === "revoked")
    if (bornRevoked.length) {
      await addKeysRevokedForReturns(knex, countPerLine(bornRevoked))
      await this.createLicenseEvents(
        bornRevoked.map((license) => ({
          license_id: license.id,
          type: LicenseEventType.REVOKED,
          actor_type: actor.type,
          actor_id: actor.id ?? null,
          data: { reason: RevokeReason.RETURN, order_id: license.order_id, returned_before_issuance: true },
        })),
        sharedContext
      )
    }
    return { created, existing }
  }

  /** Where a scheduled job's last complete run ended (null before its first). */
  @InjectManager()
  async readJobCursor(name: string, @MedusaContext() sharedContext: Context = {}): Promise<Date | null> {
    return await readJobCursor(managerKnex(sharedContext), name)
  }

  @InjectManager()
  async advanceJobCursor(name: string, reachedAt: Date, @MedusaContext() sharedContext: Context = {}): Promise<void> {
    await advanceJobCursor(managerKnex(sharedContext), name, reachedAt)
  }

  /** The orders among these that a refund or cancellation revoked as a whole (keyed or not). */
  @InjectManager()
  async listWhollyRevokedOrders(orderIds: string[], @MedusaContext() sharedContext: Context = {}): Promise<Set<string>> {
    return new Set((await loadWhollyRevokedOrders(managerKnex(sharedContext), orderIds)).keys())
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
      await this.verifyRuntime_?.flush()
    },
    onApplicationShutdown: async () => {
      await this.verifyRuntime_?.close()
    },
  }

  /** Answers `POST /licenses/verify`: takes a slot for a new identity when one is free. */
  async verifyLicense(request: VerifyRequest): Promise<VerifyApiResult<VerifyAnswer>> {
    const runtime = this.verifyRuntime()
    const found = await this.findVerifiedLicense_(request, runtime)
    if ("type" in found) {
      return found
    }
    const { caller, licenseKey, row, controls } = found
    const { ip, identity } = caller
    const answer = (code: VerifyCode, license: LicenseSummary | null) => {
      if (license?.product_id) {
        runtime.usage.add(license.product_id, code)
      }
      return {
        type: "answer",
        answer: this.signAnswer_<VerifyAnswer>(runtime, controls, {
          valid: code === VerifyCode.VALID,
          code,
          message: VERIFY_MESSAGES[code],
          license_key: licenseKey,
          identity,
          license,
          data: code === VerifyCode.VALID ? (controls?.customData ?? null) : null,
        }),
      } as const
    }
    if (!licenseKey) {
      return answer(VerifyCode.MALFORMED, null)
    }
    if (!row || !controls) {
      return answer(VerifyCode.NOT_FOUND, null)
    }

    const now = new Date()
    const refusal = verifyRefusal(row, controls, request, caller, now)
    if (refusal) {
      await this.recordVerifyRefusal_(row.id, refusal, identity, ip)
      return answer(refusal, licenseSummary(row, now))
    }
    if (row.activation_id) {
      if (!row.last_seen_at || now.getTime() - new Date(row.last_seen_at).getTime() > LAST_SEEN_RESOLUTION_MS) {
        runtime.lastSeen.add({ activationId: row.activation_id, seenAt: now, ip })
      }
      return answer(VerifyCode.VALID, licenseSummary(row, now))
    }

    const slot = await this.takeVerifySlot_(row, controls, identity, ip)
    if (slot.outcome === "taken") {
      this.emitActivationEvent_(LicenseEvents.ACTIVATED, row.id, identity, ip, slot.activationId, slot.activationsUsed)
      return answer(VerifyCode.VALID, licenseSummary({ ...row, activations_used: slot.activationsUsed }, now))
    }
    // Not taken: judge the license as it is now (it may have been revoked meanwhile).
    const current = { ...row, ...slot.license }
    const code =
      verifyRefusal(current, controls, request, caller, new Date()) ??
      (slot.outcome === "held" ? VerifyCode.VALID : VerifyCode.MAX_ACTIVATIONS_EXCEEDED)
    if (code !== VerifyCode.VALID) {
      await this.recordVerifyRefusal_(row.id, code, identity, ip)
    }
    return answer(code, licenseSummary(current, now))
  }

  /** Answers `POST /licenses/deactivate`: frees the slot held by the caller's own identity. */
  async deactivateLicense(request: VerifyRequest): Promise<VerifyApiResult<DeactivateAnswer>> {
    const runtime = this.verifyRuntime()
    const found = await this.findVerifiedLicense_(request, runtime)
    if ("type" in found) {
      return found
    }
    const { caller, licenseKey, row, controls } = found
    const { ip, identity } = caller
    const answer = (code: DeactivateCode, license: LicenseSummary | null, budget: DeactivationBudget | null = null) =>
      ({
        type: "answer",
        answer: this.signAnswer_<DeactivateAnswer>(runtime, controls, {
          deactivated: code === DeactivateCode.DEACTIVATED,
          code,
          message: DEACTIVATE_MESSAGES[code],
          license_key: licenseKey,
          identity,
          license,
          deactivations_remaining: budget?.remaining ?? null,
          ...(code === DeactivateCode.DEACTIVATION_LIMIT_REACHED
            ? { deactivation_available_at: budget?.next_available_at?.toISOString() ?? null }
            : {}),
        }),
      }) as const

    if (!licenseKey) {
      return answer(DeactivateCode.MALFORMED, null)
    }
    if (!row) {
      return answer(DeactivateCode.NOT_FOUND, null)
    }
    const now = new Date()
    if (productMismatch(row, request)) {
      return answer(DeactivateCode.PRODUCT_MISMATCH, licenseSummary(row, now), await this.readDeactivationBudget_(row.id))
    }
    const outcome = row.activation_id ? await this.releaseVerifySlot_(row.id, identity, ip) : null
    if (outcome?.type === "limit_reached") {
      return answer(DeactivateCode.DEACTIVATION_LIMIT_REACHED, licenseSummary(row, now), outcome.budget)
    }
    if (outcome?.type !== "released") {
      const budget = outcome?.budget ?? (await this.readDeactivationBudget_(row.id))
      return answer(DeactivateCode.NOT_ACTIVATED, licenseSummary(row, now), budget)
    }
    const released = outcome.slot
    this.emitActivationEvent_(LicenseEvents.DEACTIVATED, row.id, identity, ip, released.activationId, released.activationsUsed)
    return answer(
      DeactivateCode.DEACTIVATED,
      licenseSummary({ ...row, activations_used: released.activationsUsed }, now),
      outcome.budget
    )
  }

  /**
   * Who asks, and the license a verify or deactivate asks about with its
   * controls: the key in canonical form (null when malformed), the row (null
   * when not found); or the 400 or 429 to answer. The budget check and the
   * look-up run side by side (one wait instead of two); a caller this process
   * already saw blocked is not looked up. A malformed or unknown key, or a
   * missing or wrong product API key, is a failed attempt.
   */
  private async findVerifiedLicense_(
    request: VerifyRequest,
    runtime: VerifyRuntime
  ): Promise<
    | VerifyRequestError
    | { caller: VerifyCaller; licenseKey: string | null; row: VerifyLicenseRow | null; controls: LicenseControls | null }
  > {
    const caller = this.verifyCaller_(request, runtime)
    if ("type" in caller) {
      return caller
    }
    const failed = <T>(result: T) => this.failedAttempt_(runtime, caller, result)
    const body = parseLicenseKey(request.license_key, this.options_.keyPrefix)
    const keyHash = body ? this.vault_.hash(body) : null
    const lookUp = () => (keyHash ? this.findLicenseForVerify_(keyHash, caller.identity) : Promise.resolve(null))
    const skipped = !keyHash || runtime.limiter.seenBlocked(caller.bucket)
    const [retryAfter, looked] = await Promise.all([caller.limit, skipped ? null : lookUp()])
    if (retryAfter !== null) {
      return rateLimited(retryAfter)
    }
    if (!body) {
      return await failed({ caller, licenseKey: null, row: null, controls: null })
    }
    const licenseKey = formatLicenseKey(body, this.options_.keyPrefix)
    const row = skipped ? await lookUp() : looked
    if (!row) {
      return await failed({ caller, licenseKey, row: null, controls: null })
    }
    const controls = licenseControls(row)
    if (controls.requireApiKey && !apiKeyMatches(controls.apiKeyHash, bearerToken(request.authorization))) {
      if (row.product_id) {
        runtime.usage.add(row.product_id, RequestErrorCode.INVALID_API_KEY)
      }
      return await failed(INVALID_API_KEY)
    }
    return { caller, licenseKey, row, controls }
  }

  /**
   * Counts a failed attempt against the caller's budget: the answer, or 429 for
   * the failure that goes over it, so parallel guesses that all passed the
   * check still get at most the budget of answers.
   */
  private async failedAttempt_<T>(runtime: VerifyRuntime, caller: VerifyCaller, result: T): Promise<T | RateLimited> {
    const retryAfter = await runtime.limiter.recordFailure(caller.bucket)
    return retryAfter === null ? result : rateLimited(retryAfter)
  }

  /** Signs an answer, unless the license's product turned signed answers off. */
  private signAnswer_<T extends object>(runtime: VerifyRuntime, controls: LicenseControls | null, answer: T): Signed<T> {
    return controls && !controls.signAnswers ? { ...answer, signature: null } : runtime.signer.sign(answer)
  }

  /**
   * Who is asking: the client IP (through the trusted proxy hops), its
   * rate-limit bucket and the identity that holds a slot, with the budget check
   * started (`limit`: the seconds to wait, or null); or the 400 to answer.
   */
  private verifyCaller_(
    request: Pick<VerifyRequest, "remote_address" | "forwarded_for" | "domain">,
    runtime: VerifyRuntime
  ): VerifyRequestError | VerifyCaller {
    const ip = clientIp(request.remote_address, request.forwarded_for, this.options_.verify.trustedProxyHops)
    runtime.proxyWarning.note(request.forwarded_for)
    if (!ip) {
      return { type: "invalid_request", message: "The client address could not be determined" }
    }
    let identity: VerifyIdentity
    try {
      identity = resolveIdentity(request.domain, ip)
    } catch (error) {
      if (error instanceof InvalidDomainError) {
        return { type: "invalid_request", message: error.message }
      }
      throw error
    }
    const bucket = rateLimitBucket(ip)
    return { ip, bucket, identity, limit: runtime.limiter.check(bucket) }
  }

  /** The key that verifies every answer's signature, as PEM and JWK. */
  getVerifyPublicKey(): PublicSigningKey {
    return this.verifyRuntime().signer.publicKey
  }

  /** Writes pending last-seen notes and usage counts now (shutdown, tests). */
  async flushVerifyWrites(): Promise<void> {
    await this.verifyRuntime_?.flush()
  }

  protected verifyRuntime(): VerifyRuntime {
    if (!this.verifyRuntime_) {
      const knex = (this as unknown as { __container__: Record<string, Knex> }).__container__[
        ContainerRegistrationKeys.PG_CONNECTION
      ]
      this.verifyRuntime_ = new VerifyRuntime(
        this.options_.verify,
        this.verifyLogger_(),
        knex,
        (entries) => this.writeLastSeen_(entries),
        (rows) => addUsage(knex, rows)
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

  /** A new identity takes a slot if one is free (see takeActivationSlot: one statement in one transaction). */
  protected async takeVerifySlot_(
    row: VerifyLicenseRow,
    controls: LicenseControls,
    identity: VerifyIdentity,
    ip: string
  ): Promise<TakeSlotResult> {
    return await takeActivationSlot(this.verifyRuntime().knex, row.id, identity, ip, {
      activationLimit: controls.enforceActivationLimit,
      expiry: controls.enforceExpiry,
    })
  }

  /** Frees the caller's slot within the deactivation budget (deactivation-budget/release.ts), with its event. */
  @InjectTransactionManager()
  protected async releaseVerifySlot_(
    licenseId: string,
    identity: VerifyIdentity,
    ip: string,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<BudgetedRelease> {
    const trx = transactionKnex(sharedContext)
    const outcome = await releaseWithinBudget(trx, licenseId, { identity }, ReleasedBy.INSTALLED_PRODUCT)
    if (outcome.type === "released") {
      await insertActivationEvent(trx, "deactivated", licenseId, identity, {
        ip,
        activation_id: outcome.slot.activationId,
        activations_used: outcome.slot.activationsUsed,
      })
    }
    return outcome
  }

  /** A license's deactivation budget as it is now (null when there is no such license). */
  async retrieveDeactivationBudget(licenseId: string): Promise<DeactivationBudget | null> {
    return await this.readDeactivationBudget_(licenseId)
  }

  @InjectManager()
  protected async readDeactivationBudget_(licenseId: string, @MedusaContext() sharedContext: Context = {}) {
    return await readDeactivationBudget(managerKnex(sharedContext), licenseId)
  }

  protected async recordVerifyRefusal_(
    licenseId: string,
    reason: VerifyCode,
    identity: VerifyIdentity,
    ip: string
  ): Promise<void> {
    try {
      const opened = await this.writeVerifyRefusal_(licenseId, reason, identity, ip)
      this.onVerifyRefusal_(licenseId, reason, identity, ip, opened)
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
  ): Promise<boolean> {
    return await recordRefusal(transactionKnex(sharedContext), licenseId, reason, identity, ip)
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

  /**
   * Applies a verified Stripe event once (stripe/apply-stripe-event.ts): its id,
   * the dispute outcome and the status change commit in one transaction.
   */
  @InjectTransactionManager()
  async applyStripeEvent(
    input: ApplyStripeEventInput,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<ApplyStripeEventResult> {
    return await applyStripeEvent(transactionKnex(sharedContext), input, {
      revoke: (selector, change) => this.revokeLicenses(selector, change, sharedContext),
      suspend: (selector, change) => this.suspendLicenses(selector, change, sharedContext),
      reinstate: (selector, suspendedWith, change) => this.reinstateLicenses(selector, suspendedWith, change, sharedContext),
    })
  }

  /** Revokes every not yet revoked license of the selection (suspended ones included). */
  @InjectTransactionManager()
  async revokeLicenses(
    selector: LicenseSelector,
    change: LicenseStatusChangeInput,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<LicenseStatusChange[]> {
    const knex = transactionKnex(sharedContext)
    if (selector.order_id && !selector.license_ids) {
      // Recorded even when the order has no keys yet: issuance, under the same lock, then issues none.
      await lockOrdersForLicensing(knex, [selector.order_id])
      await recordWholeOrderRevocation(knex, selector.order_id, change.reason ?? "revoked")
    }
    const changed = await this.changeStatus_(knex, selector, "revoked", change.reason)
    await this.recordStatusChanges_(changed, LicenseEventType.REVOKED, change, sharedContext)
    return changed
  }

  /**
   * Revokes the keys of returned units of one order: for each line item, as
   * many keys as its returned quantity (see keysToRevokeForReturns). The
   * quantities are recorded under the order's lock first, so an order whose
   * keys are issued later (reconciliation) gets those units revoked.
   */
  @InjectTransactionManager()
  async revokeReturnedUnits(
    orderId: string,
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
    await lockOrdersForLicensing(knex, [orderId])
    await recordReturnedQuantities(knex, orderId, returned)
    return await this.revokeKeysOwedToReturns_(knex, [orderId], { ...change, reason: RevokeReason.RETURN }, sharedContext)
  }

  /** Revokes the keys the returns of these orders still owe (call under their order locks). */
  private async revokeKeysOwedToReturns_(
    knex: Knex.Transaction,
    orderIds: string[],
    change: LicenseStatusChangeInput,
    sharedContext: Context
  ): Promise<LicenseStatusChange[]> {
    const owed = await loadReturnDebts(knex, orderIds)
    if (!owed.size) {
      return []
    }
    // Locks every key of these line items: a concurrent call waits here and
    // then counts what this one revoked.
    const { rows } = await knex.raw<{ rows: ReturnCandidate[] }>(
      `SELECT id, line_item_id, unit_index, status, activations_used, created_at
         FROM license
        WHERE deleted_at IS NULL AND line_item_id = ANY(?::text[])
        ORDER BY id
          FOR UPDATE`,
      [[...owed.keys()]]
    )
    const toRevoke = keysToRevokeForReturns(rows, owed)
    if (!toRevoke.length) {
      return []
    }
    const changed = await this.changeStatus_(knex, { license_ids: toRevoke.map((k) => k.id) }, "revoked", RevokeReason.RETURN)
    await addKeysRevokedForReturns(knex, countPerLine(changed))
    await this.recordStatusChanges_(changed, LicenseEventType.REVOKED, change, sharedContext)
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
   * Edits expiry, max activations, notes and the license's overrides of its
   * product's controls (version gating, custom data, blocklists) under a row
   * lock, and records one `updated` event with the before/after value of every
   * field that changed (none when nothing changed). Lowering max_activations
   * below the used count keeps the held slots: the Verify API refuses new
   * identities until enough are freed, because it only takes a slot while
   * activations_used < max.
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
    checkDeactivationSetting(update.deactivations_per_30_days)
    const normalised = normaliseControlsInput({
      ...update,
      ...(update.notes === undefined ? {} : { notes: update.notes?.trim() || null }),
    })
    const knex = transactionKnex(sharedContext)
    const { rows } = await knex.raw<{ rows: LicenseDetails[] }>(
      `SELECT ${LICENSE_DETAIL_FIELDS.join(", ")} FROM license WHERE id = ? AND deleted_at IS NULL FOR UPDATE`,
      [id]
    )
    if (!rows.length) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `License with id: ${id} was not found`)
    }
    const before = { ...rows[0], expires_at: isoDate(rows[0].expires_at) }
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
      await this.updateLicenses({ id, ...values }, sharedContext)
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
    return { id, before, changes }
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
  async releaseActivationAsAdmin(
    licenseId: string,
    activationId: string,
    actor: LicenseActor,
    options: { override?: boolean } = {}
  ): Promise<Extract<BudgetedRelease, { type: "released" | "limit_reached" }>> {
    const outcome = await this.releaseActivationAsAdmin_(licenseId, activationId, actor, !!options.override)
    if (outcome.type === "released") {
      this.emitSlotReleased_(licenseId, outcome.slot)
    }
    return outcome
  }

  /**
   * Counts against the deactivation budget and is refused past it, unless
   * `override`: then it is neither refused nor counted (released_by admin_override).
   */
  @InjectTransactionManager()
  protected async releaseActivationAsAdmin_(
    licenseId: string,
    activationId: string,
    actor: LicenseActor,
    override: boolean,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<Extract<BudgetedRelease, { type: "released" | "limit_reached" }>> {
    const trx = transactionKnex(sharedContext)
    await this.lockLicenseForAdmin_(trx, licenseId)
    const by = override ? ReleasedBy.ADMIN_OVERRIDE : ReleasedBy.ADMIN
    const outcome = await releaseWithinBudget(trx, licenseId, { activationId }, by)
    if (outcome.type === "limit_reached") {
      return outcome
    }
    if (outcome.type !== "released") {
      throw new MedusaError(
        MedusaError.Types.NOT_FOUND,
        `Activation ${activationId} does not hold a slot of license ${licenseId}`
      )
    }
    const released = outcome.slot
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
          ...(override ? { override: true } : {}),
        },
      },
      sharedContext
    )
    return outcome
  }

  /**
   * The admin frees every held slot ("Reset all"): each through the shared
   * release statement, in one transaction, and one `reset` event listing them
   * (none when no slot was held).
   */
  async resetActivations(
    licenseId: string,
    actor: LicenseActor
  ): Promise<{ released: ReleasedSlot[]; activationsUsed: number }> {
    const result = await this.resetActivations_(licenseId, actor)
    for (const slot of result.released) {
      this.emitSlotReleased_(licenseId, slot)
    }
    return result
  }

  @InjectTransactionManager()
  protected async resetActivations_(
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
      const slot = await releaseActivationSlotById(trx, licenseId, id, ReleasedBy.RESET)
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
  ): Promise<{
    license: LicenseDTO
    activations: CustomerActivation[]
    deactivation: CustomerDeactivationPolicy
    budget: DeactivationBudget | null
  } | null> {
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
    const budget = await readDeactivationBudget(managerKnex(sharedContext), license.id)
    return { license, activations, deactivation, budget }
  }

  /**
   * The customer frees one slot of their own license: the activation row stays
   * (released_at) and activations_used drops in the same statement, and a
   * `deactivated` event names the customer. Refused with a typed code when the
   * license is not theirs, the store turned this off, a cool-down runs, or the
   * slot is not held.
   */
  async releaseCustomerActivation(
    customerId: string,
    licenseId: string,
    activationId: string
  ): Promise<ReleaseCustomerActivationResult> {
    const result = await this.releaseCustomerActivation_(customerId, licenseId, activationId)
    if (result.type === "released") {
      this.emitSlotReleased_(licenseId, {
        activationId: result.activation_id,
        kind: result.kind,
        identifier: result.identifier,
        activationsUsed: result.activations_used,
      })
    }
    return result
  }

  @InjectTransactionManager()
  protected async releaseCustomerActivation_(
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
    const outcome = await releaseWithinBudget(trx, licenseId, { activationId }, ReleasedBy.CUSTOMER)
    if (outcome.type === "limit_reached") {
      return deactivationLimitRefusal(outcome.budget)
    }
    if (outcome.type !== "released") {
      return { type: "refused", code: CustomerLicenseErrorCode.ACTIVATION_NOT_FOUND, message: "Activation not found" }
    }
    const released = outcome.slot
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
      deactivations_remaining: outcome.budget.remaining,
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

  // Webhooks and transfers ---
  // Outbound webhooks (docs/webhooks.md): endpoints, a delivery queue in
  // PostgreSQL and its sender. License transfers (docs/transfers.md): the
  // owner asks, the admin decides; approval moves the license. The SQL is in
  // ./webhooks/*-sql.ts and ./transfers/transfer-sql.ts.

  private webhookSendSlots_?: SendSlots

  /**
   * Puts a license.* event on Medusa's event bus without making the caller wait
   * for (or fail with) the bus: the webhook subscribers queue the deliveries.
   */
  protected emitLicenseEvent_(name: LicenseEventName, data: Record<string, unknown>): void {
    const eventBus = (this as unknown as { eventBusModuleService_?: IEventBusModuleService }).eventBusModuleService_
    if (!eventBus) {
      return
    }
    eventBus.emit({ name, data }).catch((error: unknown) => {
      this.verifyLogger_().error(`License keys: could not emit ${name}`, error)
    })
  }

  /** A verify answered `expired`: emits license.expired the first time this expiry is seen. Never throws. */
  @InjectManager()
  protected async observeExpiry_(licenseId: string, @MedusaContext() sharedContext: Context = {}): Promise<void> {
    try {
      const expiresAt = await noteExpiryObserved(managerKnex(sharedContext), licenseId)
      if (expiresAt) {
        this.emitLicenseEvent_(LicenseEvents.EXPIRED, { id: licenseId, expires_at: new Date(expiresAt).toISOString() })
      }
    } catch (error) {
      this.verifyLogger_().error("License keys: could not note an expiry", error)
    }
  }

  /** The admin or the customer freed a slot: license.deactivated, after the transaction committed. */
  protected emitSlotReleased_(
    licenseId: string,
    slot: Pick<ReleasedSlot, "activationId" | "kind" | "identifier" | "activationsUsed">
  ): void {
    this.emitLicenseEvent_(LicenseEvents.DEACTIVATED, {
      id: licenseId,
      activation: { id: slot.activationId, kind: slot.kind, identifier: slot.identifier },
      activations_used: slot.activationsUsed,
    })
  }

  /** A verify took (license.activated) or a deactivate freed (license.deactivated) a slot: after the write committed. */
  protected emitActivationEvent_(
    name: typeof LicenseEvents.ACTIVATED | typeof LicenseEvents.DEACTIVATED,
    licenseId: string,
    identity: VerifyIdentity,
    ip: string,
    activationId: string,
    activationsUsed: number
  ): void {
    this.emitLicenseEvent_(name, {
      id: licenseId,
      activation: { id: activationId, kind: identity.kind, identifier: identity.value },
      ip,
      activations_used: activationsUsed,
    })
  }

  /**
   * After a verify refusal was recorded: license.activation_refused only when
   * the refusal opened a new aggregation window (at most one per license and
   * reason per window, so a flood of refusals cannot flood receivers), and
   * license.expired the first time an expiry is seen.
   */
  protected onVerifyRefusal_(licenseId: string, reason: VerifyCode, identity: VerifyIdentity, ip: string, opened: boolean): void {
    if (opened) {
      this.emitLicenseEvent_(LicenseEvents.ACTIVATION_REFUSED, {
        id: licenseId,
        reason,
        identity: { kind: identity.kind, identifier: identity.value },
        ip,
        window_seconds: REFUSAL_WINDOW_SECONDS,
      })
    }
    if (reason === VerifyCode.EXPIRED) {
      void this.observeExpiry_(licenseId)
    }
  }

  async listWebhookEndpoints(): Promise<WebhookEndpointView[]> {
    const endpoints = await this.listLicenseWebhookEndpoints({}, { take: null, order: { created_at: "ASC" } })
    return endpoints.map(presentWebhookEndpoint)
  }

  async retrieveWebhookEndpoint(id: string): Promise<WebhookEndpointView> {
    return presentWebhookEndpoint(await this.retrieveLicenseWebhookEndpoint(id))
  }

  /** Registers an endpoint; the signing secret is returned here and never again. */
  async createWebhookEndpoint(input: WebhookEndpointInput): Promise<{ endpoint: WebhookEndpointView; secret: string }> {
    const url = await this.checkWebhookUrl_(input.url)
    const events = this.checkWebhookEvents_(input.events)
    const secret = generateWebhookSecret()
    const created = await this.createLicenseWebhookEndpoints({
      url,
      events,
      enabled: input.enabled ?? true,
      description: input.description?.trim() || null,
      secret_encrypted: this.vault_.encrypt(secret),
      secret_hint: webhookSecretHint(secret),
    })
    return { endpoint: presentWebhookEndpoint(created), secret }
  }

  async updateWebhookEndpoint(id: string, update: WebhookEndpointUpdate): Promise<WebhookEndpointView> {
    await this.retrieveLicenseWebhookEndpoint(id, { select: ["id"] })
    const changes: Record<string, unknown> = {}
    if (update.url !== undefined) {
      changes.url = await this.checkWebhookUrl_(update.url)
    }
    if (update.events !== undefined) {
      changes.events = this.checkWebhookEvents_(update.events)
    }
    if (update.enabled !== undefined) {
      changes.enabled = update.enabled
    }
    if (update.description !== undefined) {
      changes.description = update.description?.trim() || null
    }
    const updated = await this.updateLicenseWebhookEndpoints({ id, ...changes })
    return presentWebhookEndpoint(updated)
  }

  /** Replaces the signing secret; the new one is returned here and never again. */
  async rotateWebhookSecret(id: string): Promise<{ endpoint: WebhookEndpointView; secret: string }> {
    await this.retrieveLicenseWebhookEndpoint(id, { select: ["id"] })
    const secret = generateWebhookSecret()
    const updated = await this.updateLicenseWebhookEndpoints({
      id,
      secret_encrypted: this.vault_.encrypt(secret),
      secret_hint: webhookSecretHint(secret),
    })
    return { endpoint: presentWebhookEndpoint(updated), secret }
  }

  /** Deletes an endpoint and its deliveries. */
  async deleteWebhookEndpoint(id: string): Promise<void> {
    await this.retrieveLicenseWebhookEndpoint(id, { select: ["id"] })
    await this.deleteLicenseWebhookEndpoints(id)
  }

  /** An endpoint's deliveries, newest first. */
  async listWebhookDeliveries(
    endpointId: string,
    filters: { status?: string[] },
    page: { skip: number; take: number }
  ): Promise<[LicenseWebhookDeliveryDTO[], number]> {
    await this.retrieveLicenseWebhookEndpoint(endpointId, { select: ["id"] })
    return await this.listAndCountLicenseWebhookDeliveries(
      { endpoint_id: endpointId, ...(filters.status?.length ? { status: filters.status as LicenseWebhookDeliveryDTO["status"][] } : {}) },
      { skip: page.skip, take: page.take, order: { created_at: "DESC", id: "DESC" } }
    )
  }

  /** Queues a delivery again with a fresh cycle of attempts (the admin's Resend). */
  @InjectManager()
  async resendWebhookDelivery(
    endpointId: string,
    deliveryId: string,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<string> {
    const requeued = await requeueDelivery(managerKnex(sharedContext), endpointId, deliveryId)
    if (!requeued) {
      const [delivery] = await this.listLicenseWebhookDeliveries(
        { id: deliveryId, endpoint_id: endpointId },
        { take: 1, select: ["id"] },
        sharedContext
      )
      if (!delivery) {
        throw new MedusaError(MedusaError.Types.NOT_FOUND, `Webhook delivery with id: ${deliveryId} was not found`)
      }
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "This delivery is being sent right now. Try again in a moment.")
    }
    return requeued.id
  }

  /**
   * Whether any enabled endpoint wants events of this type: one small query,
   * so that an event nobody listens to (most activations, in most stores)
   * costs no workflow run.
   */
  @InjectManager()
  async hasWebhookEndpointFor(type: WebhookEventType, @MedusaContext() sharedContext: Context = {}): Promise<boolean> {
    const { rows } = await managerKnex(sharedContext).raw(
      `SELECT EXISTS (
         SELECT 1 FROM license_webhook_endpoint WHERE enabled AND deleted_at IS NULL AND ? = ANY(events)
       ) AS wanted`,
      [type]
    )
    return rows[0].wanted === true
  }

  /**
   * Queues one event for every enabled endpoint that subscribed to its type,
   * with the license as it is now (its key hint, never the key). Returns the new
   * deliveries' ids; none (after one query) when no endpoint wants the event.
   */
  @InjectManager()
  async enqueueWebhookEvent(
    type: WebhookEventType,
    licenseId: string | null,
    details: Record<string, unknown>,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<string[]> {
    const endpoints = (
      await this.listLicenseWebhookEndpoints({ enabled: true }, { take: null, select: ["id", "events"] }, sharedContext)
    ).filter((endpoint) => Array.isArray(endpoint.events) && (endpoint.events as string[]).includes(type))
    if (!endpoints.length) {
      return []
    }
    const [license] = licenseId ? await this.listLicenses({ id: licenseId }, { take: 1 }, sharedContext) : []
    const eventId = generateEntityId(undefined, "evt")
    const payload = buildWebhookPayload(eventId, type, license ?? null, details)
    return await insertDeliveries(
      managerKnex(sharedContext),
      endpoints.map((endpoint) => ({ endpoint_id: endpoint.id, event_id: eventId, type, license_id: licenseId, payload }))
    )
  }

  /**
   * Sends due deliveries (only `ids`, when given): claims as many as this
   * process has free send slots, POSTs each one signed, to its checked address,
   * within the timeout, and records the result: succeeded, a retry after an
   * exponential backoff with jitter, or failed once the attempts are used up.
   */
  async sendWebhookDeliveries(options: { ids?: string[] | null } = {}): Promise<WebhookSendSummary> {
    const slots = (this.webhookSendSlots_ ??= new SendSlots(WEBHOOK_SENDS_PER_PROCESS))
    const summary: WebhookSendSummary = { claimed: 0, succeeded: 0, retrying: 0, failed: 0 }
    const reserved = slots.reserve(options.ids ? Math.min(options.ids.length, slots.capacity) : slots.capacity)
    if (!reserved) {
      return summary
    }
    let claimed: ClaimedDelivery[]
    try {
      claimed = await this.claimWebhookDeliveries_(options.ids ?? null, reserved)
    } catch (error) {
      slots.release(reserved)
      throw error
    }
    slots.release(reserved - claimed.length)
    summary.claimed = claimed.length
    await Promise.all(
      claimed.map(async (delivery) => {
        try {
          const outcome = await this.sendWebhookDelivery_(delivery)
          summary[outcome]++
        } finally {
          slots.release()
        }
      })
    )
    return summary
  }

  @InjectTransactionManager()
  protected async claimWebhookDeliveries_(
    ids: string[] | null,
    limit: number,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<ClaimedDelivery[]> {
    return await claimDueDeliveries(transactionKnex(sharedContext), {
      ids,
      limit,
      leaseMs: this.options_.webhooks.timeoutMs + WEBHOOK_LEASE_MARGIN_MS,
    })
  }

  protected async sendWebhookDelivery_(delivery: ClaimedDelivery): Promise<"succeeded" | "retrying" | "failed"> {
    const options = this.options_.webhooks
    const body = JSON.stringify(delivery.payload)
    let result: PostResult
    try {
      const secret = this.vault_.decrypt(delivery.secret_encrypted)
      result = await postWebhook({
        url: delivery.url,
        body,
        headers: {
          [SIGNATURE_HEADER]: signatureHeader(secret, body),
          "X-License-Event": delivery.type,
          "X-License-Delivery": delivery.id,
        },
        timeoutMs: options.timeoutMs,
        allowPrivateNetworks: options.allowPrivateNetworks,
      })
    } catch (error) {
      result = { ok: false, status: null, error: (error as Error).message }
    }
    const outcome: AttemptOutcome = result.ok
      ? { type: "succeeded", responseCode: result.status }
      : delivery.attempts >= options.maxAttempts
        ? { type: "failed", responseCode: result.status, error: result.error }
        : {
            type: "retry",
            responseCode: result.status,
            error: result.error,
            delayMs: retryDelayMs(delivery.attempts, options.backoffBaseMs, options.backoffMaxMs),
          }
    try {
      await this.recordWebhookAttempt_(delivery.id, delivery.attempts, outcome)
    } catch (error) {
      // The lease runs out and another run tries again.
      this.verifyLogger_().error(`License keys: could not record webhook delivery ${delivery.id}`, error)
    }
    return outcome.type === "retry" ? "retrying" : outcome.type
  }

  @InjectManager()
  protected async recordWebhookAttempt_(
    id: string,
    attempt: number,
    outcome: AttemptOutcome,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<void> {
    await recordAttempt(managerKnex(sharedContext), id, attempt, outcome)
  }

  private async checkWebhookUrl_(input: string): Promise<string> {
    try {
      const url = await assertSafeWebhookUrl(input.trim(), this.options_.webhooks.allowPrivateNetworks)
      return url.toString()
    } catch (error) {
      if (error instanceof WebhookUrlError) {
        throw new MedusaError(MedusaError.Types.INVALID_DATA, error.message)
      }
      throw error
    }
  }

  private checkWebhookEvents_(events: string[]): WebhookEventType[] {
    const unique = [...new Set(events)]
    const unknown = unique.filter((event) => !isWebhookEventType(event))
    if (!unique.length || unknown.length) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        unknown.length ? `Unknown webhook event(s): ${unknown.join(", ")}` : "Choose at least one event to send"
      )
    }
    return unique as WebhookEventType[]
  }

  /**
   * The owner asks to move their license to another e-mail. Refused like an
   * unknown id when the license is not theirs; one pending request per license.
   */
  @InjectTransactionManager()
  async requestLicenseTransfer(
    customerId: string,
    licenseId: string,
    email: string,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ type: "requested"; request: TransferRequestRow } | TransferRefusal> {
    const trx = transactionKnex(sharedContext)
    const license = await lockLicenseForTransfer(trx, licenseId, customerId)
    if (!license) {
      return { type: "refused", code: TransferErrorCode.LICENSE_NOT_FOUND, message: "License not found" }
    }
    const refusal = this.transferRefusal_(license, normalizeEmail(email))
    if (refusal) {
      return refusal
    }
    await expireStaleClaims(trx, licenseId)
    const request = await insertPendingTransfer(trx, {
      license_id: licenseId,
      from_customer_id: customerId,
      from_email: license.customer_email,
      to_email: normalizeEmail(email),
      requested_by_type: "customer",
      requested_by_id: customerId,
    })
    if (!request) {
      return {
        type: "refused",
        code: TransferErrorCode.TRANSFER_PENDING,
        message: "A transfer of this license is already waiting for the store's decision.",
      }
    }
    return { type: "requested", request }
  }

  /** The latest transfer request of one of the customer's licenses (null when none, or not theirs). */
  @InjectManager()
  async retrieveCustomerTransferRequest(
    customerId: string,
    licenseId: string,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ found: boolean; request: LicenseTransferRequestDTO | null }> {
    const [license] = await this.listLicenses({ id: licenseId, customer_id: customerId }, { take: 1, select: ["id"] }, sharedContext)
    if (!license) {
      return { found: false, request: null }
    }
    const [request] = await this.listLicenseTransferRequests(
      { license_id: licenseId, from_customer_id: customerId },
      { take: 1, order: { created_at: "DESC", id: "DESC" } },
      sharedContext
    )
    return { found: true, request: request ?? null }
  }

  /** The owner withdraws their pending request. */
  @InjectTransactionManager()
  async cancelLicenseTransfer(
    customerId: string,
    licenseId: string,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ type: "canceled"; request: TransferRequestRow } | TransferRefusal> {
    const trx = transactionKnex(sharedContext)
    const license = await lockLicenseForTransfer(trx, licenseId, customerId)
    if (!license) {
      return { type: "refused", code: TransferErrorCode.LICENSE_NOT_FOUND, message: "License not found" }
    }
    const pending = await findPendingTransfer(trx, licenseId)
    const canceled = pending
      ? await decideTransfer(trx, pending.id, { status: "canceled", note: null, decided_by: customerId })
      : null
    if (!canceled) {
      return { type: "refused", code: TransferErrorCode.NO_PENDING_TRANSFER, message: "No transfer of this license is pending." }
    }
    return { type: "canceled", request: canceled }
  }

  /** An admin starts a direct transfer: a pending request, approved by the same workflow right after. */
  @InjectTransactionManager()
  async createAdminTransferRequest(
    licenseId: string,
    email: string,
    adminId: string,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<TransferRequestRow> {
    const trx = transactionKnex(sharedContext)
    const license = await lockLicenseForTransfer(trx, licenseId)
    if (!license) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `License with id: ${licenseId} was not found`)
    }
    const refusal = this.transferRefusal_(license, normalizeEmail(email))
    if (refusal) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, refusal.message)
    }
    await expireStaleClaims(trx, licenseId)
    const request = await insertPendingTransfer(trx, {
      license_id: licenseId,
      from_customer_id: license.customer_id,
      from_email: license.customer_email,
      to_email: normalizeEmail(email),
      requested_by_type: "admin",
      requested_by_id: adminId,
    })
    if (!request) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        "The owner asked for a transfer of this license: approve or deny that request first."
      )
    }
    return request
  }

  /** Removes a request that an admin's direct transfer created, when its approval failed (compensation). */
  @InjectManager()
  async discardPendingTransferRequest(id: string, @MedusaContext() sharedContext: Context = {}): Promise<void> {
    await managerKnex(sharedContext).raw(
      `DELETE FROM license_transfer_request WHERE id = ? AND status = 'pending'`,
      [id]
    )
  }

  /** Transfer requests, newest first, each with its license (null if deleted); `status` defaults to every status. */
  async listTransferRequests(
    filters: { license_id?: string; status?: string[] },
    page: { skip: number; take: number }
  ): Promise<[(LicenseTransferRequestDTO & { license: LicenseDTO | null; claim: TransferClaimView | null })[], number]> {
    const [requests, count] = await this.listAndCountLicenseTransferRequests(
      {
        ...(filters.license_id ? { license_id: filters.license_id } : {}),
        ...(filters.status?.length ? { status: filters.status as LicenseTransferRequestDTO["status"][] } : {}),
      },
      { skip: page.skip, take: page.take, order: { created_at: "DESC", id: "DESC" } }
    )
    const licenseIds = [...new Set(requests.map((r) => r.license_id))]
    const licenses = licenseIds.length ? await this.listLicenses({ id: licenseIds }, { take: null }) : []
    const byId = new Map(licenses.map((l) => [l.id, l]))
    const claims = await this.listLatestTransferClaims(requests.map((r) => r.id))
    return [requests.map((r) => ({ ...r, license: byId.get(r.license_id) ?? null, claim: claims.get(r.id) ?? null })), count]
  }

  /** The admin denies a pending request: only the request changes. */
  @InjectTransactionManager()
  async denyLicenseTransfer(
    requestId: string,
    adminId: string,
    note: string | null,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<TransferRequestRow> {
    const trx = transactionKnex(sharedContext)
    const request = await this.lockPendingTransfer_(trx, requestId)
    return (await decideTransfer(trx, request.id, { status: "denied", note: note?.trim() || null, decided_by: adminId }))!
  }

  /** The pending request a decision is about (locked), or the reason there is none. */
  @InjectManager()
  async retrievePendingTransfer(requestId: string, @MedusaContext() sharedContext: Context = {}): Promise<TransferRequestRow> {
    const [request] = await this.listLicenseTransferRequests({ id: requestId }, { take: 1 }, sharedContext)
    if (!request) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `License transfer request with id: ${requestId} was not found`)
    }
    if (request.status !== TransferStatus.PENDING) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `This transfer request is already ${request.status}.`)
    }
    return request as unknown as TransferRequestRow
  }

  /**
   * Approves a pending request: in one transaction the license moves to the
   * recipient, every slot it holds is released through the shared release
   * statement, a `reset` event (when slots were held) and a `transferred` event
   * are written, and the request is marked approved. A second approval of the
   * same request waits on the row lock and is then refused.
   */
  @InjectTransactionManager()
  async completeLicenseTransfer(
    requestId: string,
    recipient: { id: string; email: string },
    actor: LicenseActor,
    note: string | null,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<LicenseTransferResult> {
    const trx = transactionKnex(sharedContext)
    const request = await this.lockPendingTransfer_(trx, requestId)
    const license = await lockLicenseForTransfer(trx, request.license_id)
    if (!license) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `License with id: ${request.license_id} was not found`)
    }
    const refusal = this.transferRefusal_(license, normalizeEmail(recipient.email), recipient.id)
    if (refusal) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, refusal.message)
    }
    return await this.moveLockedLicense_(trx, request, license, recipient, actor, { note, decided_by: actor.id ?? null }, sharedContext)
  }

  /** The move itself (license, slots, events, request approved), for a locked request and license. */
  private async moveLockedLicense_(
    trx: Knex.Transaction,
    request: TransferRequestRow,
    license: LockedLicense,
    recipient: { id: string; email: string },
    actor: LicenseActor,
    decision: { note: string | null; decided_by: string | null },
    sharedContext: Context
  ): Promise<LicenseTransferResult> {
    await moveLicense(trx, license.id, recipient.id, normalizeEmail(recipient.email))
    const released: ReleasedSlot[] = []
    for (const activationId of await heldActivationIds(trx, license.id)) {
      const slot = await releaseActivationSlotById(trx, license.id, activationId, ReleasedBy.TRANSFER)
      if (slot) {
        released.push(slot)
      }
    }
    const decided = (await decideTransfer(
      trx,
      request.id,
      { status: "approved", note: decision.note?.trim() || null, decided_by: decision.decided_by, to_customer_id: recipient.id },
      request.status
    ))!
    const transfer = {
      transfer_request_id: request.id,
      from_customer_id: license.customer_id,
      from_email: license.customer_email,
      to_customer_id: recipient.id,
      to_email: normalizeEmail(recipient.email),
    }
    await this.createLicenseEvents(
      [
        ...(released.length
          ? [
              {
                license_id: license.id,
                type: LicenseEventType.RESET,
                actor_type: actor.type,
                actor_id: actor.id ?? null,
                data: {
                  reason: "transfer",
                  transfer_request_id: request.id,
                  released: released.length,
                  activations_used: released[released.length - 1].activationsUsed,
                  slots: released.map((s) => ({ activation_id: s.activationId, kind: s.kind, identifier: s.identifier })),
                },
              },
            ]
          : []),
        {
          license_id: license.id,
          type: LicenseEventType.TRANSFERRED,
          actor_type: actor.type,
          actor_id: actor.id ?? null,
          data: { ...transfer, requested_by: request.requested_by_type, note: decided.note, released: released.length },
        },
      ],
      sharedContext
    )
    return { ...transfer, license_id: license.id, released: released.length, request: decided }
  }

  // Transfer claims (docs/transfers.md; the rules are in ./transfers/claims.ts) ---

  /**
   * The admin approves a pending request to an e-mail: the request awaits a
   * claim; the license stays where it is. The token is in the answer only, for
   * the notification step; the database keeps its hash.
   */
  @InjectTransactionManager()
  async openTransferClaim(
    requestId: string,
    adminId: string,
    note: string | null,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<OpenedClaim> {
    const trx = transactionKnex(sharedContext)
    const request = await this.lockPendingTransfer_(trx, requestId)
    const license = await lockLicenseForTransfer(trx, request.license_id)
    if (!license) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `License with id: ${request.license_id} was not found`)
    }
    const refusal = this.transferRefusal_(license, normalizeEmail(request.to_email))
    if (refusal) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, refusal.message)
    }
    const decision = { note: note?.trim() || null, decided_by: adminId }
    return await openClaim(trx, request, license, decision, this.options_.transfers.claimTtlSeconds)
  }

  /** Compensation of openTransferClaim: the claim goes, the request is pending again. */
  @InjectTransactionManager()
  async discardTransferClaim(claimId: string, @MedusaContext() sharedContext: Context = {}): Promise<void> {
    await discardClaim(transactionKnex(sharedContext), claimId)
  }

  /**
   * A logged-in customer redeems a claim token (given as its hash, see
   * hashClaimToken): in one transaction the claim
   * is checked and marked used and the license moves to them (as an approved
   * transfer does: slots released, `reset`/`transferred` events).
   */
  @InjectTransactionManager()
  async redeemTransferClaim(
    customer: { id: string; email: string },
    tokenHash: string,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ type: "redeemed"; transfer: LicenseTransferResult } | ClaimRefusal> {
    const trx = transactionKnex(sharedContext)
    const locked = await lockClaimForRedeem(trx, tokenHash, customer.id)
    if ("type" in locked) {
      return locked
    }
    await markClaimUsed(trx, locked.claim.id, customer.id)
    const actor = { type: LicenseActorType.CUSTOMER, id: customer.id }
    const decision = { note: locked.request.note, decided_by: locked.request.decided_by }
    const transfer = await this.moveLockedLicense_(trx, locked.request, locked.license, customer, actor, decision, sharedContext)
    return { type: "redeemed", transfer }
  }

  /** The admin cancels a claim that was not redeemed yet: the request ends `canceled`, the link stops working. */
  @InjectTransactionManager()
  async cancelTransferClaim(
    requestId: string,
    adminId: string,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ request: TransferRequestRow; claim_id: string }> {
    const trx = transactionKnex(sharedContext)
    const request = await lockTransferRequest(trx, requestId)
    if (!request) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `License transfer request with id: ${requestId} was not found`)
    }
    const claim = request.status === TransferStatus.AWAITING_CLAIM ? await lockOpenClaimOfRequest(trx, requestId) : null
    if (!claim) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `This transfer request has no claim to cancel (it is ${request.status}).`)
    }
    await setClaimCanceled(trx, claim.id, adminId)
    const canceled = (await setRequestStatus(trx, requestId, TransferStatus.AWAITING_CLAIM, TransferStatus.CANCELED))!
    return { request: canceled, claim_id: claim.id }
  }

  /** Compensation of cancelTransferClaim. */
  @InjectTransactionManager()
  async restoreTransferClaim(requestId: string, claimId: string, @MedusaContext() sharedContext: Context = {}): Promise<void> {
    const trx = transactionKnex(sharedContext)
    await setClaimCanceled(trx, claimId, null)
    await setRequestStatus(trx, requestId, TransferStatus.CANCELED, TransferStatus.AWAITING_CLAIM)
  }

  /** The latest claim of each request, for the admin (never the hash). */
  @InjectManager()
  async listLatestTransferClaims(requestIds: string[], @MedusaContext() sharedContext: Context = {}): Promise<Map<string, TransferClaimView>> {
    return await latestClaimsOf(managerKnex(sharedContext), requestIds)
  }

  private async lockPendingTransfer_(trx: Knex.Transaction, requestId: string): Promise<TransferRequestRow> {
    const request = await lockTransferRequest(trx, requestId)
    if (!request) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `License transfer request with id: ${requestId} was not found`)
    }
    if (request.status !== TransferStatus.PENDING) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `This transfer request is already ${request.status}.`)
    }
    return request
  }

  /** Why a license cannot move to `email` (or to customer `toCustomerId`), or null. */
  private transferRefusal_(license: LockedLicense, email: string, toCustomerId?: string): TransferRefusal | null {
    if (license.status === "revoked") {
      return { type: "refused", code: TransferErrorCode.NOT_TRANSFERABLE, message: "A revoked license cannot be transferred." }
    }
    if (
      (license.customer_email && normalizeEmail(license.customer_email) === email && (!toCustomerId || toCustomerId === license.customer_id)) ||
      (toCustomerId && toCustomerId === license.customer_id)
    ) {
      return { type: "refused", code: TransferErrorCode.SAME_OWNER, message: "This license already belongs to that e-mail." }
    }
    return null
  }

  // Product controls ---
  // Per-product licensing settings, product API keys, the server-side license
  // lookup and daily usage (docs/product-controls.md). The Verify API reads the
  // settings in its one lookup query (verify/activation-sql.ts).

  /** The product's controls; the defaults when it never saved any. */
  @InjectManager()
  async getProductLicenseSettings(
    productId: string,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<ProductLicenseSettings> {
    const row = await findProductSettings(managerKnex(sharedContext), productId)
    return row ? presentProductSettings(row) : defaultProductSettings(productId)
  }

  /**
   * Saves the given controls. Turning "require API key" on for a product
   * without a key generates one: `apiKey` is then the full key, the only time
   * it is ever shown.
   */
  @InjectTransactionManager()
  async updateProductLicenseSettings(
    productId: string,
    update: ProductLicenseSettingsUpdate,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ settings: ProductLicenseSettings; apiKey: string | null }> {
    const { archived, ...fields } = normaliseControlsInput(update)
    const trx = transactionKnex(sharedContext)
    const current = await lockProductSettings(trx, productId)
    checkVersionPolicy(
      fields.version_mode ?? current.version_mode,
      fields.version_pinned === undefined ? current.version_pinned : fields.version_pinned,
      fields.version_range === undefined ? current.version_range : fields.version_range
    )
    const key = fields.require_api_key && !current.api_key_hash ? generateProductApiKey() : null
    const row = await writeProductSettings(trx, productId, {
      ...fields,
      ...(archived === undefined ? {} : { archived_at: archived ? (current.archived_at ?? new Date()) : null }),
      ...(key ? { api_key_hash: key.hash, api_key_prefix: key.prefix, api_key_created_at: new Date() } : {}),
    })
    return { settings: presentProductSettings(row), apiKey: key?.key ?? null }
  }

  /** A new API key for the product; the previous one stops working at once. */
  @InjectTransactionManager()
  async rotateProductApiKey(
    productId: string,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ settings: ProductLicenseSettings; apiKey: string }> {
    const trx = transactionKnex(sharedContext)
    await lockProductSettings(trx, productId)
    const key = generateProductApiKey()
    const row = await writeProductSettings(trx, productId, {
      api_key_hash: key.hash,
      api_key_prefix: key.prefix,
      api_key_created_at: new Date(),
    })
    return { settings: presentProductSettings(row), apiKey: key.key }
  }

  /** Verify calls per day and answer code over the last `days` UTC days (counts flushed so far). */
  @InjectManager()
  async listProductUsage(
    productId: string,
    days = 30,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<UsageDay[]> {
    return await listUsageDays(managerKnex(sharedContext), productId, days, new Date())
  }

  /**
   * Answers `GET /licenses/:key` for a seller's server: the license's details,
   * with no side effect (no activation, no last-seen, no event). The product
   * API key says which product asks, so a key of another product is simply
   * not found. A missing or wrong API key, a malformed or unknown key count
   * against the caller's failure budget like failed verifies.
   */
  async lookUpLicenseForProduct(request: LicenseLookupRequest): Promise<LicenseLookupResult> {
    const runtime = this.verifyRuntime()
    const caller = this.verifyCaller_({ ...request, domain: null }, runtime)
    if ("type" in caller) {
      return caller
    }
    const retryAfter = await caller.limit
    if (retryAfter !== null) {
      return rateLimited(retryAfter)
    }
    const failed = (result: LicenseLookupResult) => this.failedAttempt_(runtime, caller, result)
    const token = bearerToken(request.authorization)
    const productId = token ? await findProductByApiKeyHash(runtime.knex, hashProductApiKey(token)) : null
    if (!productId) {
      return await failed(INVALID_API_KEY)
    }
    const body = parseLicenseKey(request.license_key, this.options_.keyPrefix)
    if (!body) {
      return await failed({ type: "malformed", message: VERIFY_MESSAGES.malformed })
    }
    const [license] = await this.listLicenses({ key_hash: this.vault_.hash(body), product_id: productId }, { take: 1 })
    if (!license) {
      return await failed({ type: "not_found", message: VERIFY_MESSAGES.not_found })
    }
    // Held slots only: released ones are history, and a churned key may have thousands.
    const activations = await this.listLicenseActivations(
      { license_id: license.id, released_at: null },
      { take: null, order: { first_seen_at: "ASC", id: "ASC" } }
    )
    const settings = await findProductSettings(runtime.knex, productId)
    return {
      type: "license",
      license: presentLicenseForProduct({ ...license, activations }, settings, formatLicenseKey(body, this.options_.keyPrefix)),
    }
  }

  // Deactivation budget and history ---
  // The admin's paged activations and history, and the pruning job
  // (docs/admin.md). The SQL is in ./history/*.ts.

  /** One page of a license's activations (held first, then newest release first) and one of its history (newest first). */
  @InjectManager()
  async pageLicenseHistory(
    licenseId: string,
    pages: { activations: Page; events: Page },
    @MedusaContext() sharedContext: Context = {}
  ) {
    const knex = managerKnex(sharedContext)
    const [activations, events] = await Promise.all([
      pageLicenseActivations(knex, licenseId, pages.activations),
      pageLicenseEvents(knex, licenseId, pages.events),
    ])
    return { activations, events }
  }

  /** Deletes released activations and churn events older than the retention window, in batches (jobs/prune-license-history.ts). */
  @InjectManager()
  async pruneLicenseHistory(
    run: { now?: Date; batchSize?: number; timeBudgetMs?: number } = {},
    @MedusaContext() sharedContext: Context = {}
  ): Promise<PruneResult> {
    return await pruneLicenseHistory(managerKnex(sharedContext), {
      now: run.now ?? new Date(),
      retentionDays: this.options_.history.retentionDays,
      batchSize: run.batchSize ?? 1000,
      timeBudgetMs: run.timeBudgetMs ?? 50_000,
    })
  }

  // Issuance e-mail (README "Issuance"; SQL in issuance-notice/notice-sql.ts) ---

  /** Records that an order's keys must be e-mailed (no-op when already recorded). */
  @InjectManager()
  async queueIssuanceNotice(orderId: string, now: Date, @MedusaContext() sharedContext: Context = {}): Promise<boolean> {
    return await queueNotice(managerKnex(sharedContext), orderId, now)
  }

  /** Claims due e-mail attempts (one order's, or any), marking lease-expired rows without attempts left failed. */
  @InjectTransactionManager()
  async claimIssuanceNotices(
    options: { orderId?: string | null; limit: number; now: Date },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<ClaimedNotice[]> {
    const trx = transactionKnex(sharedContext)
    await failAbandonedNotices(trx, options.now)
    return await claimNotices(trx, { ...options, leaseMs: ISSUANCE_NOTICE_LEASE_MS })
  }

  /** Records the result of send number `sends`; false when another sender took the row over. */
  @InjectManager()
  async recordIssuanceNoticeAttempt(
    id: string,
    sends: number,
    outcome: NoticeOutcome,
    now: Date,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<boolean> {
    return await recordNoticeAttempt(managerKnex(sharedContext), id, sends, outcome, now)
  }

  @InjectManager()
  async retrieveIssuanceNotice(orderId: string, @MedusaContext() sharedContext: Context = {}): Promise<IssuanceNoticeRow | null> {
    return await findNotice(managerKnex(sharedContext), orderId)
  }

  /** The admin's Resend: a fresh cycle of attempts due now; refused (type `sending`) while an attempt runs. */
  @InjectTransactionManager()
  async requeueIssuanceNotice(orderId: string, now: Date, @MedusaContext() sharedContext: Context = {}): Promise<RequeueResult> {
    return await requeueNotice(transactionKnex(sharedContext), orderId, now)
  }

  @InjectManager()
  async restoreIssuanceNotice(
    orderId: string,
    previous: IssuanceNoticeRow | null,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<void> {
    await restoreNotice(managerKnex(sharedContext), orderId, previous)
  }
}

// Verify API types ---

/** Who asks the Verify API, with the check of its failure budget under way. */
type VerifyCaller = { ip: string; bucket: string; identity: VerifyIdentity; limit: Promise<number | null> }

// Revocation types ---

/** Why a license was revoked (stored in revoke_reason and the event). */
export const RevokeReason = {
  REFUND: "refund",
  CANCELED: "canceled",
  RETURN: RETURN_REASON,
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


// Admin actions types ---

/** What an admin may edit on a license; an absent field is left as it is. */
export type LicenseDetailsUpdate = ControlsInput & {
  /** null = lifetime. */
  expires_at?: Date | null
  /** 0 = unlimited. */
  max_activations?: number
  notes?: string | null
  /** The deactivation budget per rolling 30 days: null = the policy's, 0 = unlimited (docs/admin.md). */
  deactivations_per_30_days?: number | null
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
}

const isoDate = (date: Date | string | null) => (date === null ? null : new Date(date).toISOString())

/** The result of an edit: the values before it and each field it changed (ISO dates). */
export type LicenseDetailsChange = {
  id: string
  before: LicenseDetails
  changes: { [F in LicenseDetailField]?: { from: LicenseDetails[F]; to: LicenseDetails[F] } }
}

// Webhooks and transfers types ---

/** What an approved transfer did. */
export type LicenseTransferResult = {
  license_id: string
  transfer_request_id: string
  from_customer_id: string | null
  from_email: string | null
  to_customer_id: string
  to_email: string
  /** How many held slots were released. */
  released: number
  request: TransferRequestRow
}
