import { MedusaError } from "@medusajs/framework/utils"
import { fingerprintProblem, machineName } from "../rules/fingerprint"
import {
  DEFAULT_LICENSE_FILE_TTL_HOURS,
  encryptLicenseFile,
  type EncryptedLicenseFile,
  LICENSE_FILE_TYPE,
  type LicenseFilePayload,
  licenseFileExpiry,
  parseActivationRequest,
} from "../rules/license-file"
import type { VerifyAnswer, VerifyApiResult } from "../rules/verify-answers"
import type { VerifyRequest } from "../rules/verify-rules"
import type LicenseModuleService from "../service"
import { signResult, verifyLicenseOutcome } from "../verify/verify-license"

/**
 * Offline license files (docs/entitlements-and-license-files.md): POST /licenses/checkout and
 * the air-gapped activation of the customer's account and the admin. Both run the Verify
 * API's pipeline (verifyLicenseOutcome: the same codes, slot rules and failure budget) for
 * the machine, then sign a license file for a valid answer.
 */

export type CheckoutRequest = VerifyRequest & { fingerprint: string; encrypt?: boolean | null }

/** The verify answer plus the file: null unless the answer is valid. */
export type CheckoutAnswer = VerifyAnswer & {
  signature: string | null
  license_file: string | EncryptedLicenseFile | null
  license_file_expires_at: string | null
}

/** Answers POST /licenses/checkout. */
export async function checkoutLicenseFile(this: LicenseModuleService, request: CheckoutRequest): Promise<VerifyApiResult<CheckoutAnswer>> {
  const outcome = await verifyLicenseOutcome.call(this, request)
  const result = signResult(this.verifyRuntime(), outcome.result)
  const license = outcome.license
  if (result.type !== "answer") {
    return result
  }
  const answer = result.answer
  if (!answer.valid || !license || answer.identity.kind !== "machine" || !answer.license_key) {
    return { type: "answer", answer: { ...answer, license_file: null, license_file_expires_at: null } }
  }
  // Off the Verify hot path: the key's row (hint, grace) and its policy's TTL, one read each.
  const row = await this.retrieveLicense(license.id)
  const [policy] = row.variant_id ? await this.listLicensePolicies({ variant_id: row.variant_id }, { take: 1 }) : []
  const now = new Date()
  const expiresAt = licenseFileExpiry(now, policy?.license_file_ttl_hours ?? DEFAULT_LICENSE_FILE_TTL_HOURS, row)
  const summary = answer.license!
  const payload: LicenseFilePayload = {
    type: LICENSE_FILE_TYPE,
    license: {
      id: row.id,
      key_hint: row.key_hint,
      status: summary.status,
      expires_at: summary.expires_at,
      product_id: summary.product_id,
      variant_id: summary.variant_id,
      product_title: summary.product_title,
      variant_title: summary.variant_title,
      entitlements: answer.entitlements ?? [],
    },
    machine: { fingerprint: answer.identity.value, name: machineName(request.name) },
    issued_at: now.toISOString(),
    expires_at: expiresAt.toISOString(),
  }
  const token = this.verifyRuntime().signer.signUntil(payload, expiresAt)
  return {
    type: "answer",
    answer: {
      ...answer,
      license_file: request.encrypt ? encryptLicenseFile(token, answer.license_key) : token,
      license_file_expires_at: expiresAt.toISOString(),
    },
  }
}

export type OfflineActivationInput = {
  license_id: string
  /** The activation request file, as its JSON text or the parsed object. */
  activation_request: unknown
  encrypt?: boolean | null
  /** Set for the customer's own route: the license must be theirs (404 otherwise). */
  customer_id?: string | null
  remote_address?: string | null
  forwarded_for?: string | string[] | null
}

/** The answer of an air-gapped activation: the checkout's, without the full key. */
export type OfflineActivationAnswer = Omit<CheckoutAnswer, "license_key" | "signature">

/**
 * An air-gapped machine's activation, uploaded by the key's owner or the admin: the request
 * file is checked against the license (its key hint), then the checkout runs with the
 * license's key, so the same slot rules apply. The answer leaves the key out (it is not
 * needed: the app has it, and this answer may pass through workflow storage).
 */
export async function offlineActivation(this: LicenseModuleService, input: OfflineActivationInput): Promise<OfflineActivationAnswer> {
  const request = parseActivationRequest(input.activation_request)
  if (typeof request === "string") {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `invalid_activation_request: ${request}`)
  }
  const problem = fingerprintProblem(request.fingerprint)
  if (problem) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `invalid_activation_request: ${problem}`)
  }
  const [license] = await this.listLicenses(
    { id: input.license_id, ...(input.customer_id ? { customer_id: input.customer_id } : {}) },
    { take: 1 }
  )
  if (!license) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `License with id: ${input.license_id} was not found`)
  }
  if (license.key_hint.toUpperCase() !== request.key_hint) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, "invalid_activation_request: the activation request is for another key")
  }
  const result = await checkoutLicenseFile.call(this, {
    license_key: this.revealKey(license),
    fingerprint: request.fingerprint,
    name: request.name,
    encrypt: input.encrypt,
    remote_address: input.remote_address ?? undefined,
    forwarded_for: input.forwarded_for ?? undefined,
  })
  if (result.type === "rate_limited") {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, result.message)
  }
  if (result.type !== "answer") {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, result.message)
  }
  const { license_key: _key, signature: _signature, ...answer } = result.answer
  return answer
}
