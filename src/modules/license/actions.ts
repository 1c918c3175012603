/**
 * The module's operations, one feature folder each, with the types of their
 * inputs: what service.ts binds onto LicenseModuleService (as @medusajs/order
 * binds its services/actions). docs/architecture.md has the layout.
 */
export * from "./activations/admin-release"
export * from "./activations/customer"
export type { BudgetedRelease } from "./activations/release-within-budget"
export * from "./controls/look-up-license"
export * from "./controls/settings"
export type { ProductLicenseSettingsUpdate } from "./rules/product-settings"
export * from "./history/history"
export * from "./issuance/issue-licenses"
export * from "./issuance/types"
export * from "./licenses/update-details"
export * from "./revocation/revoke"
export * from "./rules/status-change"
export type { ApplyStripeEventInput } from "./revocation/apply-stripe-event"
export * from "./transfers/transfer-claims"
export * from "./transfers/transfer-requests"
export type { LicenseTransferResult } from "./transfers/types"
export * from "./verify/verify-license"
export type { VerifyRequest } from "./rules/verify-rules"
export type { LicenseSearch } from "./rules/license-filters"
export * from "./webhooks/deliveries"
export * from "./webhooks/endpoints"
export type { WebhookEventType } from "./webhooks/events"
export type { WebhookEndpointInput, WebhookEndpointUpdate } from "./webhooks/types"
