import type { MedusaResponse } from "@medusajs/framework/http"
import type { LicenseDTO } from "../../modules/license"
import type { CustomerActivation, CustomerDeactivationPolicy } from "../../modules/license/rules/customer-account"
import { CustomerLicenseErrorCode } from "../../modules/license/rules/customer-account"
import { effectiveLicenseStatus } from "../../modules/license/rules/license-status"
import type LicenseModuleService from "../../modules/license/service"

/**
 * A license as its owner sees it in the storefront: the full key, the product
 * snapshot, the status a person expects (expired is derived) and the counts.
 * A whitelist, so that admin-only fields (notes, metadata, e-mail...) never leak.
 */
export function presentCustomerLicense(license: LicenseDTO, licenses: LicenseModuleService, now = new Date()) {
  return {
    id: license.id,
    key: licenses.revealKey(license),
    status: effectiveLicenseStatus(license, now),
    product_id: license.product_id,
    variant_id: license.variant_id,
    product_title: license.product_title,
    variant_title: license.variant_title,
    /** Null = lifetime. */
    expires_at: license.expires_at,
    /** 0 = unlimited. */
    max_activations: license.max_activations,
    activations_used: license.activations_used,
    order_id: license.order_id,
    order_display_id: license.order_display_id,
    created_at: license.created_at,
    /** Set while a key's term waits for its first activation (expires_at null until then): the term in days. */
    activation_term_days: license.activation_term_days,
    /** Until when an expired key still works (its grace period); null = no grace. */
    grace_ends_at: license.grace_ends_at,
  }
}

export function presentCustomerActivation(activation: CustomerActivation) {
  return {
    id: activation.id,
    kind: activation.kind,
    identifier: activation.identifier,
    name: activation.name,
    first_seen_at: activation.first_seen_at,
    last_seen_at: activation.last_seen_at,
  }
}

export function presentDeactivationPolicy(policy: CustomerDeactivationPolicy) {
  return {
    allowed: policy.allowed,
    cooldown_seconds: policy.cooldown_seconds,
    available_at: policy.available_at ? policy.available_at.toISOString() : null,
  }
}

const STATUS_BY_CODE: Record<CustomerLicenseErrorCode, number> = {
  [CustomerLicenseErrorCode.LICENSE_NOT_FOUND]: 404,
  [CustomerLicenseErrorCode.ACTIVATION_NOT_FOUND]: 404,
  [CustomerLicenseErrorCode.DEACTIVATION_DISABLED]: 403,
  [CustomerLicenseErrorCode.DEACTIVATION_COOLDOWN]: 429,
  [CustomerLicenseErrorCode.DEACTIVATION_LIMIT_REACHED]: 429,
}

/** A refusal as `{ code, message }` (plus `retry_after` and the Retry-After header for a cool-down). */
export function sendCustomerLicenseError(
  res: MedusaResponse,
  refusal: { code: CustomerLicenseErrorCode; message: string; retry_after?: number }
) {
  res.setHeader("Cache-Control", "no-store")
  if (refusal.retry_after !== undefined) {
    res.setHeader("Retry-After", String(refusal.retry_after))
  }
  res.status(STATUS_BY_CODE[refusal.code]).json({
    code: refusal.code,
    message: refusal.message,
    ...(refusal.retry_after !== undefined ? { retry_after: refusal.retry_after } : {}),
  })
}

export const licenseNotFound = { code: CustomerLicenseErrorCode.LICENSE_NOT_FOUND, message: "License not found" }
