import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import type { Context, IEventBusModuleService, InferTypeOf } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, InjectManager, InjectTransactionManager, MedusaContext, Modules } from "@medusajs/framework/utils"
import * as actions from "./actions"
import type {
  ApplyStripeEventInput, IssueLicenseInput, LicenseDetailsUpdate, LicensePolicyInput, LicenseSelector, LicenseStatusChangeInput, PruneRun,
  ProductLicenseSettingsUpdate, ReturnedUnits, WebhookEventType, RenewalLine, UpgradeLine,
} from "./actions"
import { managerKnex, transactionKnex } from "./database"
import { LicenseEventEmitter, type ModuleLogger } from "./events/license-events"
import { LicenseServiceBase } from "./issuance-notice/service-base"
import * as models from "./models"
import { type LicenseModuleOptions, type RefundAmounts, refundRevokesLicenses, type ResolvedLicenseOptions, resolveLicenseOptions } from "./options"
import { LicenseKeyCodec } from "./rules/key-codec"
import { LicenseKeyVault } from "./rules/key-vault"
import { readDeactivationBudget } from "./sql/deactivation-budget"
import type { Page } from "./sql/history"
import { advanceJobCursor, readJobCursor } from "./sql/jobs"
import { loadWhollyRevokedOrders } from "./sql/order-revocations"
import type { LicenseActor } from "./types"
import type { TurnBatcher } from "./turn-batcher"
import { VerifyRuntime } from "./verify/runtime"

export type { IssueLicenseInput, IssueLicensesResult, LicenseDetails, LicenseDetailsChange, LicenseDetailsUpdate, LicensePolicyInput } from "./actions"
export type { LicenseSelector, LicenseStatusChange, LicenseStatusChangeInput, LicenseTransferResult, ReturnedUnits } from "./actions"
export { RevokeReason } from "./rules/status-change"
export type LicenseDTO = InferTypeOf<typeof models.License>
export type LicenseWebhookDeliveryDTO = InferTypeOf<typeof models.LicenseWebhookDelivery>
export type LicenseTransferRequestDTO = InferTypeOf<typeof models.LicenseTransferRequest>
export type LicensePolicyDTO = InferTypeOf<typeof models.LicensePolicy>

/**
 * The license module's one public class: wiring, and one short method per public operation, whose body lives in a
 * feature folder (bound as @medusajs/order binds its services/actions). @InjectTransactionManager = one transaction
 * (the caller's when its context carries one). Its base (issuance-notice/service-base.ts) is the generated CRUD plus the
 * issuance e-mail's queue. docs/architecture.md has the layout.
 */
export default class LicenseModuleService extends LicenseServiceBase {
  // Read by the feature functions bound to this service (not part of its API); pgConnection_ is Medusa's shared pool.
  readonly options_: ResolvedLicenseOptions
  readonly keys_: LicenseKeyCodec
  readonly logger_: ModuleLogger
  readonly events_: LicenseEventEmitter
  readonly webhookSendSlots_ = actions.processSendSlots()
  readonly pgConnection_: () => Knex
  private verifyRuntime_?: VerifyRuntime
  private webhookEndpointChecks_?: TurnBatcher<string, boolean>

  constructor(container: Record<string, unknown> & { logger?: ModuleLogger }, options: LicenseModuleOptions) {
    // eslint-disable-next-line prefer-rest-params
    super(...arguments)
    this.options_ = resolveLicenseOptions(options)
    this.keys_ = new LicenseKeyCodec(new LicenseKeyVault(this.options_.secret), this.options_.keyPrefix)
    // Registrations are looked up the way MedusaService finds the event bus: only when registered.
    const registered = Object.keys(container)
    this.logger_ = registered.includes("logger") && container.logger ? container.logger : console
    const eventBus = registered.includes(Modules.EVENT_BUS) ? (container[Modules.EVENT_BUS] as IEventBusModuleService) : undefined
    this.events_ = new LicenseEventEmitter(eventBus, this.logger_)
    this.pgConnection_ = () => container[ContainerRegistrationKeys.PG_CONNECTION] as Knex
  }

  __hooks = {
    onApplicationPrepareShutdown: async () => await this.verifyRuntime_?.flush(),
    onApplicationShutdown: async () => await this.verifyRuntime_?.close(),
  }

  verifyRuntime(): VerifyRuntime {
    return (this.verifyRuntime_ ??= VerifyRuntime.forPool(this.options_.verify, this.logger_, this.pgConnection_()))
  }

  /** The webhook subscriber's endpoint checks, shared by the events of one event-loop turn (webhooks/deliveries.ts). */
  webhookEndpointChecks(): TurnBatcher<string, boolean> {
    return (this.webhookEndpointChecks_ ??= actions.webhookEndpointChecks(this.pgConnection_()))
  }

  getOptions = (): ResolvedLicenseOptions => this.options_
  revealKey = (license: Pick<LicenseDTO, "key_encrypted">): string => this.keys_.reveal(license.key_encrypted)
  hashKey = (input: unknown): string | null => this.keys_.hashOf(input)

  // Issuance (issuance/) ---
  @InjectTransactionManager()
  async issueLicenses(units: IssueLicenseInput[], actor: LicenseActor, @MedusaContext() sharedContext: Context = {}) {
    return await actions.issueLicenses.call(this, units, actor, sharedContext)
  }

  @InjectTransactionManager()
  async setProductPolicies(productId: string, policies: LicensePolicyInput[], @MedusaContext() sharedContext: Context = {}) {
    return await actions.setProductPolicies.call(this, productId, policies, sharedContext)
  }

  @InjectManager()
  async readJobCursor(name: string, @MedusaContext() sharedContext: Context = {}): Promise<Date | null> {
    return await readJobCursor(managerKnex(sharedContext), name)
  }

  @InjectManager()
  async advanceJobCursor(name: string, reachedAt: Date, @MedusaContext() sharedContext: Context = {}): Promise<void> {
    await advanceJobCursor(managerKnex(sharedContext), name, reachedAt)
  }

  @InjectManager()
  async listWhollyRevokedOrders(orderIds: string[], @MedusaContext() sharedContext: Context = {}): Promise<Set<string>> {
    return new Set((await loadWhollyRevokedOrders(managerKnex(sharedContext), orderIds)).keys())
  }

  // Admin edits, search and export (licenses/) ---
  readonly searchLicenses = actions.searchLicenses
  readonly listLicensesForExport = actions.listLicensesForExport
  readonly getLicensingOverview = actions.getLicensingOverview
  readonly foldLicenseCounts = actions.foldLicenseCounts

  @InjectTransactionManager()
  async updateLicenseDetails(id: string, update: LicenseDetailsUpdate, actor: LicenseActor, @MedusaContext() sharedContext: Context = {}) {
    return await actions.updateLicenseDetails.call(this, id, update, actor, sharedContext)
  }

  // Verify API (verify/verify-license.ts; it emits its events directly, see there) ---
  readonly verifyLicense = actions.verifyLicense
  readonly deactivateLicense = actions.deactivateLicense
  readonly releaseDeadMachines = actions.releaseDeadMachines

  getVerifyPublicKey() {
    return this.verifyRuntime().signer.publicKey
  }

  async flushVerifyWrites(): Promise<void> {
    await this.verifyRuntime_?.flush()
  }

  @InjectManager()
  async retrieveDeactivationBudget(licenseId: string, @MedusaContext() sharedContext: Context = {}) {
    return await readDeactivationBudget(managerKnex(sharedContext), licenseId)
  }

  // Revocation (revocation/) ---
  refundRevokesLicenses(amounts: RefundAmounts): boolean {
    return refundRevokesLicenses(this.options_.revocation.revokeOn, amounts)
  }

  getStripeWebhookSecret(): string | null {
    return this.options_.revocation.stripeWebhookSecret
  }

  @InjectTransactionManager()
  async applyStripeEvent(input: ApplyStripeEventInput, @MedusaContext() sharedContext: Context = {}) {
    return await actions.applyStripeEvent.call(this, input, sharedContext)
  }

  @InjectTransactionManager()
  async revokeLicenses(selector: LicenseSelector, change: LicenseStatusChangeInput, @MedusaContext() sharedContext: Context = {}) {
    return await actions.revokeLicenses.call(this, selector, change, sharedContext)
  }

  @InjectTransactionManager()
  async revokeReturnedUnits(orderId: string, units: ReturnedUnits[], change: Omit<LicenseStatusChangeInput, "reason">, @MedusaContext() sharedContext: Context = {}) {
    return await actions.revokeReturnedUnits.call(this, orderId, units, change, sharedContext)
  }

  @InjectTransactionManager()
  async suspendLicenses(selector: LicenseSelector, change: LicenseStatusChangeInput, @MedusaContext() sharedContext: Context = {}) {
    return await actions.suspendLicenses.call(this, selector, change, sharedContext)
  }

  @InjectTransactionManager()
  async reinstateLicenses(selector: LicenseSelector, suspendedWith: Record<string, string>, change: LicenseStatusChangeInput, @MedusaContext() sharedContext: Context = {}) {
    return await actions.reinstateLicenses.call(this, selector, suspendedWith, change, sharedContext)
  }

  // Activations: the admin's and the customer's frees (activations/); their workflows emit license.deactivated ---
  @InjectTransactionManager()
  async releaseActivationAsAdmin(licenseId: string, activationId: string, actor: LicenseActor, options: { override?: boolean } = {}, @MedusaContext() sharedContext: Context = {}) {
    return await actions.releaseActivationAsAdmin.call(this, licenseId, activationId, actor, !!options.override, sharedContext)
  }

  @InjectTransactionManager()
  async resetActivations(licenseId: string, actor: LicenseActor, @MedusaContext() sharedContext: Context = {}) {
    return await actions.resetActivations.call(this, licenseId, actor, sharedContext)
  }

  @InjectManager()
  async listCustomerLicenses(customerId: string, page: { skip: number; take: number }, @MedusaContext() sharedContext: Context = {}) {
    return await actions.listCustomerLicenses.call(this, customerId, page, sharedContext)
  }

  @InjectManager()
  async retrieveCustomerLicense(customerId: string, licenseId: string, @MedusaContext() sharedContext: Context = {}) {
    return await actions.retrieveCustomerLicense.call(this, customerId, licenseId, sharedContext)
  }

  @InjectTransactionManager()
  async releaseCustomerActivation(customerId: string, licenseId: string, activationId: string, @MedusaContext() sharedContext: Context = {}) {
    return await actions.releaseCustomerActivation.call(this, customerId, licenseId, activationId, sharedContext)
  }

  // Outbound webhooks (webhooks/) ---
  readonly listWebhookEndpoints = actions.listWebhookEndpoints
  readonly retrieveWebhookEndpoint = actions.retrieveWebhookEndpoint
  readonly createWebhookEndpoint = actions.createWebhookEndpoint
  readonly updateWebhookEndpoint = actions.updateWebhookEndpoint
  readonly rotateWebhookSecret = actions.rotateWebhookSecret
  readonly deleteWebhookEndpoint = actions.deleteWebhookEndpoint
  readonly listWebhookDeliveries = actions.listWebhookDeliveries

  @InjectManager()
  async resendWebhookDelivery(endpointId: string, deliveryId: string, @MedusaContext() sharedContext: Context = {}) {
    return await actions.resendWebhookDelivery.call(this, endpointId, deliveryId, sharedContext)
  }

  readonly hasWebhookEndpointFor = actions.hasWebhookEndpointFor

  @InjectManager()
  async enqueueWebhookEvent(type: WebhookEventType, licenseId: string | null, details: Record<string, unknown>, @MedusaContext() sharedContext: Context = {}) {
    return await actions.enqueueWebhookEvent.call(this, type, licenseId, details, sharedContext)
  }

  readonly sendWebhookDeliveries = actions.sendWebhookDeliveries

  // Transfers and claims (transfers/) ---
  @InjectTransactionManager()
  async requestLicenseTransfer(customerId: string, licenseId: string, email: string, @MedusaContext() sharedContext: Context = {}) {
    return await actions.requestLicenseTransfer.call(this, customerId, licenseId, email, sharedContext)
  }

  @InjectManager()
  async retrieveCustomerTransferRequest(customerId: string, licenseId: string, @MedusaContext() sharedContext: Context = {}) {
    return await actions.retrieveCustomerTransferRequest.call(this, customerId, licenseId, sharedContext)
  }

  @InjectTransactionManager()
  async cancelLicenseTransfer(customerId: string, licenseId: string, @MedusaContext() sharedContext: Context = {}) {
    return await actions.cancelLicenseTransfer.call(this, customerId, licenseId, sharedContext)
  }

  @InjectTransactionManager()
  async createAdminTransferRequest(licenseId: string, email: string, adminId: string, @MedusaContext() sharedContext: Context = {}) {
    return await actions.createAdminTransferRequest.call(this, licenseId, email, adminId, sharedContext)
  }

  @InjectManager()
  async discardPendingTransferRequest(id: string, @MedusaContext() sharedContext: Context = {}): Promise<void> {
    await actions.discardPendingTransferRequest(id, sharedContext)
  }

  readonly listTransferRequests = actions.listTransferRequests

  @InjectTransactionManager()
  async denyLicenseTransfer(requestId: string, adminId: string, note: string | null, @MedusaContext() sharedContext: Context = {}) {
    return await actions.denyLicenseTransfer.call(this, requestId, adminId, note, sharedContext)
  }

  @InjectManager()
  async retrievePendingTransfer(requestId: string, @MedusaContext() sharedContext: Context = {}) {
    return await actions.retrievePendingTransfer.call(this, requestId, sharedContext)
  }

  @InjectTransactionManager()
  async completeLicenseTransfer(
    requestId: string,
    recipient: { id: string; email: string; discord_id?: string | null },
    actor: LicenseActor,
    note: string | null,
    @MedusaContext() sharedContext: Context = {}
  ) {
    return await actions.completeLicenseTransfer.call(this, requestId, recipient, actor, note, sharedContext)
  }

  @InjectTransactionManager()
  async openTransferClaim(requestId: string, adminId: string, note: string | null, @MedusaContext() sharedContext: Context = {}) {
    return await actions.openTransferClaim.call(this, requestId, adminId, note, sharedContext)
  }

  @InjectTransactionManager()
  async discardTransferClaim(claimId: string, @MedusaContext() sharedContext: Context = {}): Promise<void> {
    await actions.discardTransferClaim(claimId, sharedContext)
  }

  @InjectTransactionManager()
  async redeemTransferClaim(customer: { id: string; email: string; discord_id?: string | null }, tokenHash: string, @MedusaContext() sharedContext: Context = {}) {
    return await actions.redeemTransferClaim.call(this, customer, tokenHash, sharedContext)
  }

  @InjectTransactionManager()
  async cancelTransferClaim(requestId: string, adminId: string, @MedusaContext() sharedContext: Context = {}) {
    return await actions.cancelTransferClaim.call(this, requestId, adminId, sharedContext)
  }

  @InjectTransactionManager()
  async restoreTransferClaim(requestId: string, claimId: string, @MedusaContext() sharedContext: Context = {}): Promise<void> {
    await actions.restoreTransferClaim(requestId, claimId, sharedContext)
  }

  @InjectManager()
  async listLatestTransferClaims(requestIds: string[], @MedusaContext() sharedContext: Context = {}) {
    return await actions.listLatestTransferClaims(requestIds, sharedContext)
  }

  // Product controls and the store-wide local site patterns (controls/) ---
  @InjectManager()
  async getProductLicenseSettings(productId: string, @MedusaContext() sharedContext: Context = {}) {
    return await actions.getProductLicenseSettings(managerKnex(sharedContext), productId)
  }

  @InjectTransactionManager()
  async updateProductLicenseSettings(productId: string, update: ProductLicenseSettingsUpdate, @MedusaContext() sharedContext: Context = {}) {
    return await actions.updateProductLicenseSettings(productId, update, sharedContext)
  }

  @InjectTransactionManager()
  async rotateProductApiKey(productId: string, @MedusaContext() sharedContext: Context = {}) {
    return await actions.rotateProductApiKey(productId, sharedContext)
  }
  @InjectTransactionManager()
  async setProductsDeleted(productIds: string[], deleted: boolean, @MedusaContext() sharedContext: Context = {}) {
    return await actions.setProductsDeleted(productIds, deleted, sharedContext)
  }

  readonly listProductUsage = actions.listProductUsage
  readonly productQuotaToday = actions.productQuotaToday
  readonly lookUpLicenseForProduct = actions.lookUpLicenseForProduct
  readonly getLicenseStoreSettings = actions.getLicenseStoreSettings
  readonly updateLicenseStoreSettings = actions.updateLicenseStoreSettings

  // History (sql/history*.ts) ---
  @InjectManager()
  async pageLicenseHistory(licenseId: string, pages: { activations: Page; events: Page }, @MedusaContext() sharedContext: Context = {}) {
    return await actions.pageLicenseHistory(managerKnex(sharedContext), licenseId, pages)
  }

  @InjectManager()
  async pruneLicenseHistory(run: PruneRun = {}, @MedusaContext() sharedContext: Context = {}) {
    return await actions.pruneHistory(managerKnex(sharedContext), this.options_.history.retentionDays, run)
  }

  // Trials (trials/), renewals (renewals/) and upgrades (upgrades/), docs/renewals-and-upgrades.md. A roll-back's
  // `discard`: a workflow's compensation (the rows go, so the lines can be applied again) ---
  readonly listTrialsTakenBy = actions.listTrialsTakenBy
  readonly quoteRenewal = actions.quoteRenewal
  readonly quoteUpgrade = actions.quoteUpgrade

  @InjectTransactionManager()
  async applyRenewals(lines: RenewalLine[], @MedusaContext() sharedContext: Context = {}) {
    return await actions.applyRenewals.call(this, lines, sharedContext)
  }

  @InjectTransactionManager()
  async rollBackRenewals(orderId: string, reason: string, lineItemIds?: string[], discard = false, @MedusaContext() sharedContext: Context = {}) {
    return await actions.rollBackRenewals.call(this, orderId, reason, lineItemIds, discard, sharedContext)
  }

  @InjectTransactionManager()
  async applyUpgrades(lines: UpgradeLine[], @MedusaContext() sharedContext: Context = {}) {
    return await actions.applyUpgrades.call(this, lines, sharedContext)
  }

  @InjectTransactionManager()
  async rollBackUpgrades(orderId: string, reason: string, lineItemIds?: string[], discard = false, @MedusaContext() sharedContext: Context = {}) {
    return await actions.rollBackUpgrades.call(this, orderId, reason, lineItemIds, discard, sharedContext)
  }

  @InjectTransactionManager()
  async claimRenewalReminders(now: Date, limit: number, @MedusaContext() sharedContext: Context = {}) {
    return await actions.claimRenewalReminders.call(this, now, limit, sharedContext)
  }

  // Update checks (the release module's /licenses/updates, docs/software-delivery.md) ---
  /** verifyLicense, with the verified license (id, product, version gate) beside a valid answer. */
  readonly verifyLicenseOutcome = actions.verifyLicenseOutcome
  // Offline license files (license-files/checkout.ts: the Verify pipeline, then a signed file) ---
  readonly checkoutLicenseFile = actions.checkoutLicenseFile
  readonly offlineActivation = actions.offlineActivation

  /** Signs an answer built on a verify answer with the Verify API's key (ES256, same kid and TTL). */
  signVerifyAnswer<T extends object>(answer: T): T & { signature: string } {
    return this.verifyRuntime().signer.sign(answer)
  }
}
