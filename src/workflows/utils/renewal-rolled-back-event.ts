import type { RolledBackRenewal } from "../../modules/license/actions"

/** The data of license.renewal_rolled_back for each extension taken back. */
export const renewalRolledBackEvents = (rolledBack: RolledBackRenewal[]) =>
  rolledBack.map((r) => ({
    id: r.license_id,
    renewal_id: r.id,
    order_id: r.order_id,
    line_item_id: r.line_item_id,
    reason: r.reason,
    expires_at: r.expires_at,
  }))
