import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import type { Context, InferTypeOf } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, InjectManager, InjectTransactionManager, MedusaContext, MedusaService } from "@medusajs/framework/utils"
import { managerKnex } from "../license/database"
import * as actions from "./actions"
import type { CreateReleaseInput, ReleaseDetails, ReleaseTransition } from "./actions"
import { DownloadCounter } from "./downloads/download-counter"
import { Release, ReleaseDownload } from "./models"
import { type ReleaseModuleOptions, type ResolvedReleaseOptions, resolveReleaseOptions } from "./options"
import { checkDownloadToken, type DownloadGrant, downloadTokenKey, signDownloadToken, type TokenCheck } from "./rules/download-token"
import { addDownloads, downloadsOfLicense } from "./sql/downloads"
import { decideUpdate, type InstallScope, partitionReleases, type UpdateDecision } from "./rules/installable"
import { findRelease, listProductReleases, listPublishedReleasesOf, type ReleaseRow } from "./sql/releases"
import { TurnBatcher } from "../license/turn-batcher"

export type ReleaseDTO = InferTypeOf<typeof Release>
export type { ReleaseRow }

type Logger = { error(message: string, error?: unknown): void }

/**
 * The release module (docs/software-delivery.md): releases of licensed products, their private
 * artifacts (stored through the File Module by the routes), download tokens and download counts.
 * Layout as in the license module (docs/architecture.md): bodies in releases/, rules/ pure, sql/.
 */
export default class ReleaseModuleService extends MedusaService({ Release, ReleaseDownload }) {
  readonly options_: ResolvedReleaseOptions
  private readonly tokenKey_: Buffer
  private readonly pgConnection_: () => Knex
  private readonly logger_: Logger
  private downloads_?: DownloadCounter
  private publishedReleases_?: TurnBatcher<string, ReleaseRow[]>

  constructor(container: Record<string, unknown>, options: ReleaseModuleOptions) {
    // eslint-disable-next-line prefer-rest-params
    super(...arguments)
    this.options_ = resolveReleaseOptions(options)
    this.tokenKey_ = downloadTokenKey(this.options_.downloadTokenSecret, this.options_.licenseKeySecret)
    this.pgConnection_ = () => container[ContainerRegistrationKeys.PG_CONNECTION] as Knex
    const registered = Object.keys(container)
    this.logger_ = registered.includes("logger") && container.logger ? (container.logger as Logger) : console
  }

  __hooks = {
    onApplicationPrepareShutdown: async () => await this.downloads_?.flush(),
    onApplicationShutdown: async () => await this.downloads_?.flush(),
  }

  getOptions(): ResolvedReleaseOptions {
    return this.options_
  }

  // Admin (releases/) ---
  @InjectTransactionManager()
  async createRelease(input: CreateReleaseInput, @MedusaContext() sharedContext: Context = {}) {
    return await actions.createRelease.call(this, input, sharedContext)
  }

  @InjectManager()
  async changeReleaseStatus(productId: string, releaseId: string, transition: ReleaseTransition, @MedusaContext() sharedContext: Context = {}) {
    return await actions.changeStatus.call(this, productId, releaseId, transition, sharedContext)
  }

  @InjectTransactionManager()
  async updateReleaseDetails(productId: string, releaseId: string, details: ReleaseDetails, @MedusaContext() sharedContext: Context = {}) {
    return await actions.updateDetails.call(this, productId, releaseId, details, sharedContext)
  }

  @InjectTransactionManager()
  async changeDraftVersion(productId: string, releaseId: string, change: { version?: string; channel?: string }, @MedusaContext() sharedContext: Context = {}) {
    return await actions.changeDraftVersion.call(this, productId, releaseId, change, sharedContext)
  }

  @InjectTransactionManager()
  async deleteDraftRelease(productId: string, releaseId: string, @MedusaContext() sharedContext: Context = {}) {
    return await actions.deleteDraft.call(this, productId, releaseId, sharedContext)
  }

  @InjectTransactionManager()
  async restoreDraftRelease(releaseId: string, @MedusaContext() sharedContext: Context = {}) {
    return await actions.restoreDraft.call(this, releaseId, sharedContext)
  }

  @InjectManager()
  async listProductReleases(productId: string, @MedusaContext() sharedContext: Context = {}) {
    return await listProductReleases(managerKnex(sharedContext), productId)
  }

  @InjectManager()
  async retrieveReleaseRow(releaseId: string, @MedusaContext() sharedContext: Context = {}): Promise<ReleaseRow | null> {
    return await findRelease(managerKnex(sharedContext), releaseId)
  }

  // Update checks and downloads (the public routes) ---
  /** A product's published releases; the update checks of one event-loop turn share one statement. */
  async listPublishedReleases(productId: string): Promise<ReleaseRow[]> {
    this.publishedReleases_ ??= new TurnBatcher((productIds) => listPublishedReleasesOf(this.pgConnection_(), productIds))
    return await this.publishedReleases_.load(productId)
  }

  /** The update check's decision for a verified license (rules/installable.ts); one indexed statement. */
  async decideUpdate(productId: string, scope: InstallScope, installed: string | null): Promise<UpdateDecision<ReleaseRow>> {
    return decideUpdate(await this.listPublishedReleases(productId), scope, installed)
  }

  /**
   * Every release the license may install, newest first, and apart the ones locked behind an
   * entitlement it lacks (the customer's Account -> Licenses).
   */
  async releasesForKey(productId: string, scope: InstallScope): Promise<{ installable: ReleaseRow[]; locked: ReleaseRow[] }> {
    return partitionReleases(await this.listPublishedReleases(productId), scope)
  }

  createDownloadToken(grant: Omit<DownloadGrant, "expires_at">, now = Date.now()): { token: string; expires_at: Date } {
    const expires_at = Math.floor(now / 1000) + this.options_.downloadTokenTtlSeconds
    return { token: signDownloadToken(this.tokenKey_, { ...grant, expires_at }), expires_at: new Date(expires_at * 1000) }
  }

  checkDownloadToken(token: unknown): TokenCheck {
    return checkDownloadToken(this.tokenKey_, token, Date.now())
  }

  /** Counts a download in memory (written every few seconds). */
  noteDownload(releaseId: string, licenseId: string): void {
    this.downloadCounter().add(releaseId, licenseId)
  }

  async flushDownloadCounts(): Promise<void> {
    await this.downloads_?.flush()
  }

  async downloadsOfLicense(licenseId: string): Promise<Record<string, number>> {
    return await downloadsOfLicense(this.pgConnection_(), licenseId)
  }

  private downloadCounter(): DownloadCounter {
    return (this.downloads_ ??= new DownloadCounter(
      (notes) => addDownloads(this.pgConnection_(), notes),
      (error) => this.logger_.error("Releases: could not write download counts", error)
    ))
  }
}
