import type { Context } from "@medusajs/framework/types"
import { InjectManager, InjectTransactionManager, MedusaContext, MedusaService } from "@medusajs/framework/utils"
import { managerKnex, transactionKnex } from "../database"
import * as models from "../models"
import { ISSUANCE_NOTICE_LEASE_MS } from "../rules/issuance-notice-policy"
import * as notices from "../sql/issuance-notices"

// The store-settings row gets no generated CRUD: controls/store-settings.ts reads and writes its one row.
// Nor do the daily quota counters: only their one atomic statement writes them (sql/quota.ts).
const { LicenseStoreSetting: _storeSettingRow, LicenseQuotaDay: _quotaDayRow, ...crudModels } = models

/**
 * The base of LicenseModuleService (service.ts, the module's one public class): Medusa's generated CRUD of the module's
 * models, and the issuance e-mail's queue (README "Issuance"; sql/issuance-notices.ts), which needs nothing of the
 * service's wiring.
 */
export class LicenseServiceBase extends MedusaService(crudModels) {
  @InjectManager()
  async queueIssuanceNotice(orderId: string, now: Date, @MedusaContext() sharedContext: Context = {}) {
    return await notices.queueNotice(managerKnex(sharedContext), orderId, now)
  }

  @InjectTransactionManager()
  async claimIssuanceNotices(options: { orderId?: string | null; limit: number; now: Date }, @MedusaContext() sharedContext: Context = {}) {
    return await notices.claimDueNotices(transactionKnex(sharedContext), { ...options, leaseMs: ISSUANCE_NOTICE_LEASE_MS })
  }

  @InjectManager()
  async recordIssuanceNoticeAttempt(id: string, sends: number, outcome: notices.NoticeOutcome, now: Date, @MedusaContext() sharedContext: Context = {}) {
    return await notices.recordNoticeAttempt(managerKnex(sharedContext), id, sends, outcome, now)
  }

  @InjectManager()
  async retrieveIssuanceNotice(orderId: string, @MedusaContext() sharedContext: Context = {}) {
    return await notices.findNotice(managerKnex(sharedContext), orderId)
  }

  @InjectTransactionManager()
  async requeueIssuanceNotice(orderId: string, now: Date, @MedusaContext() sharedContext: Context = {}) {
    return await notices.requeueNotice(transactionKnex(sharedContext), orderId, now)
  }

  @InjectManager()
  async restoreIssuanceNotice(orderId: string, previous: notices.IssuanceNoticeRow | null, @MedusaContext() sharedContext: Context = {}) {
    await notices.restoreNotice(managerKnex(sharedContext), orderId, previous)
  }
}
