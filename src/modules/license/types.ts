export const LicenseStatus = {
  ACTIVE: "active",
  SUSPENDED: "suspended",
  REVOKED: "revoked",
} as const
export type LicenseStatus = (typeof LicenseStatus)[keyof typeof LicenseStatus]

/**
 * What an owner or an API sees: the stored status, or `expired` derived from expires_at, or `grace`
 * between expires_at and grace_ends_at (rules/expiry.ts).
 */
export type EffectiveLicenseStatus = LicenseStatus | "expired" | "grace"

export const ActivationKind = {
  DOMAIN: "domain",
  IP: "ip",
  // An installed app's machine, by the fingerprint it derives (rules/fingerprint.ts)
  MACHINE: "machine",
} as const
export type ActivationKind = (typeof ActivationKind)[keyof typeof ActivationKind]

export const LicenseEventType = {
  ISSUED: "issued",
  ACTIVATED: "activated",
  ACTIVATION_REFUSED: "activation_refused",
  DEACTIVATED: "deactivated",
  RESET: "reset",
  REVOKED: "revoked",
  SUSPENDED: "suspended",
  REINSTATED: "reinstated",
  UPDATED: "updated",
  TRANSFERRED: "transferred",
  // Trials (docs/renewals-and-upgrades.md "Expiry, grace and trials")
  TRIAL_CONVERTED: "trial_converted",
  TRIAL_CONVERSION_ROLLED_BACK: "trial_conversion_rolled_back",
  // Upgrades (docs/renewals-and-upgrades.md "Upgrades")
  UPGRADED: "upgraded",
  UPGRADE_ROLLED_BACK: "upgrade_rolled_back",
} as const
export type LicenseEventType = (typeof LicenseEventType)[keyof typeof LicenseEventType]

export const LicenseActorType = {
  SYSTEM: "system",
  ADMIN: "admin",
  CUSTOMER: "customer",
  INSTALLED_PRODUCT: "installed_product",
} as const
export type LicenseActorType = (typeof LicenseActorType)[keyof typeof LicenseActorType]

export type LicenseActor = { type: LicenseActorType; id?: string | null }

export const SYSTEM_ACTOR: LicenseActor = { type: LicenseActorType.SYSTEM }

/** Events the module emits on Medusa's event bus. */
export const LicenseEvents = {
  ISSUED: "license.issued",
  REVOKED: "license.revoked",
  SUSPENDED: "license.suspended",
  REINSTATED: "license.reinstated",
  // Webhooks and transfers (docs/webhooks.md)
  ACTIVATED: "license.activated",
  ACTIVATION_REFUSED: "license.activation_refused",
  DEACTIVATED: "license.deactivated",
  EXPIRED: "license.expired",
  UPDATED: "license.updated",
  TRANSFERRED: "license.transferred",
  // A trial key became a paid key (docs/renewals-and-upgrades.md "Expiry, grace and trials")
  TRIAL_CONVERTED: "license.trial_converted",
  // Renewals (docs/renewals-and-upgrades.md)
  RENEWED: "license.renewed",
  RENEWAL_ROLLED_BACK: "license.renewal_rolled_back",
  EXPIRING: "license.expiring",
  // Upgrades (docs/renewals-and-upgrades.md "Upgrades")
  UPGRADED: "license.upgraded",
  UPGRADE_ROLLED_BACK: "license.upgrade_rolled_back",
} as const
export type LicenseEventName = (typeof LicenseEvents)[keyof typeof LicenseEvents]
