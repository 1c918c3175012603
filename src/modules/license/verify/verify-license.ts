import { apiKeyMatches, bearerToken } from "../rules/api-key"
import { SuspensionKind } from "../rules/suspension"
import { enforcedCaller, IpEnforcement } from "../rules/ip-enforcement"
import { apiKeyMissing, configurationProblem } from "../rules/configuration-errors"
import { clientIp, rateLimitBucket } from "../rules/client-ip"
import type { DeactivationBudget } from "../rules/deactivation-budget"
import { ReleasedBy } from "../rules/deactivation-budget"
import { InvalidDomainError, resolveCaller, type CallerIdentity, type VerifyIdentity } from "../rules/identity"
import { type LicenseControls, licenseControls } from "../rules/license-controls"
import type { VersionPolicy } from "../rules/version-gate"
import {
  type ConfigurationProblem,
  DEACTIVATE_MESSAGES,
  DeactivateCode,
  type DeactivateAnswer,
  INVALID_API_KEY,
  type LicenseSummary,
  type RateLimited,
  rateLimited,
  RequestErrorCode,
  VERIFY_MESSAGES,
  VerifyCode,
  type VerifyAnswer,
  type VerifyApiResult,
  type VerifyRequestError,
} from "../rules/verify-answers"
import { LAST_SEEN_RESOLUTION_MS, licenseSummary, productMismatch, type VerifyRequest, verifyRefusal } from "../rules/verify-rules"
import { entitlementFields, missingEntitlements } from "../rules/entitlements"
import { type QuotaExceeded, quotaApplies, quotaExceeded, utcDay } from "../rules/daily-quota"
import { releaseWithinBudget } from "../activations/release-within-budget"
import type LicenseModuleService from "../service"
import type { VerifyLicenseRow } from "../rules/verify-rows"
import { takeActivationSlot } from "../sql/activations"
import { readDeactivationBudget } from "../sql/deactivation-budget"
import { readLocalSitePatterns } from "../sql/store-settings"
import { isLocalSite } from "../rules/local-sites"
import { heartbeatDue } from "../rules/heartbeat"
import { emitTakenOverSeat } from "../heartbeats/release-dead-machines"
import { insertActivationEvent } from "../sql/events"
import { takeQuotaUnit } from "../sql/quota"
import { LicenseEvents } from "../types"
import type { VerifyRuntime } from "./runtime"
import { recordVerifyRefusal } from "./record-refusal"

/**
 * The Verify API (docs/verify-api.md): POST /licenses/verify and POST
 * /licenses/deactivate, top to bottom. The hot path is one batched prepared
 * lookup (runtime.lookups, sql/activations.ts), the conditional UPDATE that
 * takes a slot (takeActivationSlot), for a product with a daily verify quota
 * its counter's one UPSERT (sql/quota.ts), and write-behind buffers for last-seen
 * notes, usage counts and refusals; the failure budget is the memory or redis
 * rate limiter of the runtime.
 *
 * The Verify API emits its license.* events directly (this.events_) rather
 * than through a workflow: a workflow run per verify would cost the endpoint
 * its speed. Every other mutation runs in a workflow (src/workflows).
 */

/** Who asks the Verify API, with the check of its failure budget under way. */
export type VerifyCaller = { ip: string; bucket: string; limit: Promise<number | null> } & CallerIdentity

type FoundLicense = {
  caller: VerifyCaller
  licenseKey: string | null
  row: VerifyLicenseRow | null
  controls: LicenseControls | null
  /** The product counts domains only and the call named none (rules/ip-enforcement.ts). */
  domainRequired?: boolean
}

/** Answers `POST /licenses/verify`: takes a slot for a new identity when one is free. */
export async function verifyLicense(this: LicenseModuleService, request: VerifyRequest): Promise<VerifyApiResult<VerifyAnswer>> {
  return signResult(this.verifyRuntime(), (await verifyLicenseOutcome.call(this, request)).result)
}

/** The license behind a valid answer, for what builds on a verify (the release module's update check). */
export type VerifiedLicense = { id: string; product_id: string | null; version_gate: VersionPolicy; expires_at: Date | null }
/** An answer before it is signed; `signs`: false when the license's product turned signed answers off. */
export type UnsignedAnswer<T> = { type: "answer"; answer: T; signs: boolean }
export type VerifyOutcome = { result: VerifyRequestError | UnsignedAnswer<VerifyAnswer>; license: VerifiedLicense | null }

/** Whether an answer is signed: always, unless the license's product turned signed answers off (no license: signed). */
const signsAnswers = (controls: LicenseControls | null): boolean => !controls || controls.signAnswers

/** Signs an answer (or sets `signature: null` for a product that turned signing off); errors pass as they are. */
export function signResult<T extends object>(runtime: VerifyRuntime, result: VerifyRequestError | UnsignedAnswer<T>): VerifyApiResult<T> {
  if (result.type !== "answer") {
    return result
  }
  return { type: "answer", answer: result.signs ? runtime.signer.sign(result.answer) : { ...result.answer, signature: null } }
}

/**
 * verifyLicense before signing, with the verified license beside a valid answer (null otherwise): what
 * builds on a verify (the update check, license files) adds its fields and signs once (signResult).
 */
export async function verifyLicenseOutcome(this: LicenseModuleService, request: VerifyRequest): Promise<VerifyOutcome> {
  const runtime = this.verifyRuntime()
  const found = await findVerifiedLicense(this, request, runtime)
  if ("type" in found) {
    return { result: found, license: null }
  }
  const { caller, licenseKey, row, controls } = found
  const { ip, identity } = caller
  // The identity the answer names; `local: true` when a local or staging site verified without a slot.
  let named: VerifyIdentity = identity
  let missing: string[] | null = null
  // `extra`: the fields only some codes carry (configuration_error's problem, quota_exceeded's quota).
  type AnswerExtra = { configuration_problem?: ConfigurationProblem; quota?: QuotaExceeded }
  const answer = (code: VerifyCode, license: LicenseSummary | null, extra: AnswerExtra = {}): VerifyOutcome => {
    if (license?.product_id) {
      runtime.usage.add(license.product_id, code, runtime.now())
    }
    const valid = code === VerifyCode.VALID
    return {
      result: {
        type: "answer",
        signs: signsAnswers(controls),
        answer: {
          valid,
          code,
          message: VERIFY_MESSAGES[code],
          license_key: licenseKey,
          identity: named,
          license,
          data: valid ? (controls?.customData ?? null) : null,
          ...entitlementFields(code, row, missing),
          ...extra,
          ...(code === VerifyCode.SUSPENDED ? { suspension: row?.suspension ?? SuspensionKind.MANUAL } : {}),
          heartbeat: heartbeatDue(row?.heartbeat_interval_seconds, named, valid, new Date()),
        },
      },
      license:
        valid && row && controls
          ? { id: row.id, product_id: row.product_id, version_gate: controls.version, expires_at: row.expires_at }
          : null,
    }
  }
  if (!licenseKey) {
    return answer(VerifyCode.MALFORMED, null)
  }
  if (!row || !controls) {
    return answer(VerifyCode.NOT_FOUND, null)
  }

  const now = new Date()
  const refusal = verifyRefusal(row, controls, request, caller, now)
  const problem = configurationProblem(controls, refusal)
  if (problem) {
    return answer(VerifyCode.CONFIGURATION_ERROR, licenseSummary(row, now), { configuration_problem: problem })
  }
  // The product's daily verify quota (rules/daily-quota.ts): one atomic statement, only for products with one.
  if (row.product_id && quotaApplies(controls)) {
    const at = runtime.now()
    if ((await takeQuotaUnit(runtime.knex, row.product_id, utcDay(at), controls.dailyVerifyQuota)) === null) {
      return answer(VerifyCode.QUOTA_EXCEEDED, licenseSummary(row, now), { quota: quotaExceeded(controls.dailyVerifyQuota, at) })
    }
  }
  if (refusal) {
    await recordVerifyRefusal(this, runtime, row.id, refusal, identity, ip)
    return answer(refusal, licenseSummary(row, now))
  }
  if (found.domainRequired) {
    return answer(VerifyCode.DOMAIN_REQUIRED, licenseSummary(row, now))
  }
  // A key without an entitlement the product asked for: refused before any slot is taken (rules/entitlements.ts).
  if ((missing = missingEntitlements(row.entitlements, request.entitlements))) {
    return answer(VerifyCode.ENTITLEMENTS_MISSING, licenseSummary(row, now))
  }
  if (row.activation_id) {
    if (!row.last_seen_at || now.getTime() - new Date(row.last_seen_at).getTime() > LAST_SEEN_RESOLUTION_MS) {
      runtime.lastSeen.add({ activationId: row.activation_id, seenAt: now, ip })
    }
    return answer(VerifyCode.VALID, licenseSummary(row, now))
  }

  // A local or staging site of a key whose policy makes them free: valid, no slot (rules/local-sites.ts).
  if (row.local_sites_free && identity.kind === "domain" && (await isFreeLocalSite(runtime, identity.value))) {
    named = { ...identity, local: true }
    return answer(VerifyCode.VALID, licenseSummary(row, now))
  }

  // A new identity takes a slot if one is free (one statement, sql/activations.ts TAKE_SLOT).
  const slot = await takeActivationSlot(runtime.knex, row.id, identity, ip, caller.name, {
    activationLimit: controls.enforceActivationLimit,
    expiry: controls.enforceExpiry,
  })
  if (slot.outcome === "taken") {
    emitTakenOverSeat(this, row.id, slot.freed, slot.activationsUsed)
    this.events_.activation(LicenseEvents.ACTIVATED, row.id, identity, ip, slot.activationId, slot.activationsUsed)
    const { activationsUsed, expires_at, grace_ends_at } = slot
    return answer(VerifyCode.VALID, licenseSummary({ ...row, activations_used: activationsUsed, expires_at, grace_ends_at }, now))
  }
  // Not taken: judge the license as it is now (it may have been revoked meanwhile). A duplicate that raced a
  // first verify of the same machine may still have freed a dead seat (sql/activations.ts TAKE_SLOT).
  emitTakenOverSeat(this, row.id, slot.freed, slot.license.activations_used)
  const current = { ...row, ...slot.license }
  const code =
    verifyRefusal(current, controls, request, caller, new Date()) ??
    (slot.outcome === "held" ? VerifyCode.VALID : VerifyCode.MAX_ACTIVATIONS_EXCEEDED)
  if (code !== VerifyCode.VALID) {
    await recordVerifyRefusal(this, runtime, row.id, code, identity, ip)
  }
  return answer(code, licenseSummary(current, now))
}

/** Answers `POST /licenses/deactivate`: frees the slot held by the caller's own identity. */
export async function deactivateLicense(
  this: LicenseModuleService,
  request: VerifyRequest
): Promise<VerifyApiResult<DeactivateAnswer>> {
  const runtime = this.verifyRuntime()
  const found = await findVerifiedLicense(this, request, runtime)
  if ("type" in found) {
    return found
  }
  const { caller, licenseKey, row, controls } = found
  const { ip, identity } = caller
  const answer = (code: DeactivateCode, license: LicenseSummary | null, budget: DeactivationBudget | null = null, problem?: ConfigurationProblem) =>
    signResult<DeactivateAnswer>(runtime, {
      type: "answer",
      signs: signsAnswers(controls),
      answer: {
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
        ...(problem ? { configuration_problem: problem } : {}),
      },
    })

  if (!licenseKey) {
    return answer(DeactivateCode.MALFORMED, null)
  }
  if (!row) {
    return answer(DeactivateCode.NOT_FOUND, null)
  }
  const now = new Date()
  const problem = controls && configurationProblem(controls, productMismatch(row, request) ? VerifyCode.PRODUCT_MISMATCH : null)
  if (problem) {
    return answer(DeactivateCode.CONFIGURATION_ERROR, licenseSummary(row, now), null, problem)
  }
  if (productMismatch(row, request)) {
    return answer(DeactivateCode.PRODUCT_MISMATCH, licenseSummary(row, now), await readDeactivationBudget(runtime.knex, row.id))
  }
  // Frees the caller's slot within the deactivation budget, with its event, in one transaction.
  const outcome = row.activation_id
    ? await runtime.knex.transaction(async (trx) => {
        const released = await releaseWithinBudget(trx, row.id, { identity }, ReleasedBy.INSTALLED_PRODUCT)
        if (released.type === "released") {
          await insertActivationEvent(trx, "deactivated", row.id, identity, {
            ip,
            activation_id: released.slot.activationId,
            activations_used: released.slot.activationsUsed,
          })
        }
        return released
      })
    : null
  if (outcome?.type === "limit_reached") {
    return answer(DeactivateCode.DEACTIVATION_LIMIT_REACHED, licenseSummary(row, now), outcome.budget)
  }
  if (outcome?.type !== "released") {
    const budget = outcome?.budget ?? (await readDeactivationBudget(runtime.knex, row.id))
    return answer(DeactivateCode.NOT_ACTIVATED, licenseSummary(row, now), budget)
  }
  const released = outcome.slot
  this.events_.activation(LicenseEvents.DEACTIVATED, row.id, identity, ip, released.activationId, released.activationsUsed)
  return answer(
    DeactivateCode.DEACTIVATED,
    licenseSummary({ ...row, activations_used: released.activationsUsed }, now),
    outcome.budget
  )
}

/**
 * Whether a domain is a local or staging site: the built-in rules first (pure), then the
 * store's patterns, read only here (a site that holds no slot of a key whose policy makes
 * local sites free), never on the hot path of a known identity.
 */
async function isFreeLocalSite(runtime: VerifyRuntime, domain: string): Promise<boolean> {
  return isLocalSite(domain) || isLocalSite(domain, await readLocalSitePatterns(runtime.knex))
}

/**
 * Who asks, and the license a verify or deactivate asks about with its
 * controls: the key in canonical form (null when malformed), the row (null
 * when not found); or the 400 or 429 to answer. The budget check and the
 * look-up run side by side (one wait instead of two); a caller this process
 * already saw blocked is not looked up. A malformed or unknown key, or a
 * missing or wrong product API key, is a failed attempt.
 */
async function findVerifiedLicense(
  service: LicenseModuleService,
  request: VerifyRequest,
  runtime: VerifyRuntime
): Promise<VerifyRequestError | FoundLicense | RateLimited> {
  const caller = verifyCaller(service, request, runtime)
  if ("type" in caller) {
    return caller
  }
  const failed = <T>(result: T) => failedAttempt(runtime, caller, result)
  const keys = service.keys_
  const body = keys.body(request.license_key)
  const keyHash = body ? keys.hash(body) : null
  const lookUp = () => (keyHash ? runtime.lookups.load({ keyHash, identity: caller.identity }) : Promise.resolve(null))
  const skipped = !keyHash || runtime.limiter.seenBlocked(caller.bucket)
  const [retryAfter, looked] = await Promise.all([caller.limit, skipped ? null : lookUp()])
  if (retryAfter !== null) {
    return rateLimited(retryAfter)
  }
  if (!body) {
    return await failed({ caller, licenseKey: null, row: null, controls: null })
  }
  const licenseKey = keys.format(body)
  const row = skipped ? await lookUp() : looked
  if (!row) {
    return await failed({ caller, licenseKey, row: null, controls: null })
  }
  const controls = licenseControls(row)
  // A product that requires a key but has none answers configuration_error (rules/configuration-errors.ts), not 401.
  if (controls.requireApiKey && !apiKeyMissing(controls) && !apiKeyMatches(controls.apiKeyHash, bearerToken(request.authorization))) {
    if (row.product_id) {
      runtime.usage.add(row.product_id, RequestErrorCode.INVALID_API_KEY)
    }
    return await failed(INVALID_API_KEY)
  }
  // The product's IP enforcement mode (rules/ip-enforcement.ts); the default changes nothing and costs nothing.
  if (controls.ipEnforcement !== IpEnforcement.DOMAIN_OR_IP) {
    const enforced = enforcedCaller(controls.ipEnforcement, caller)
    if (enforced === "domain_required") {
      return { caller, licenseKey, row, controls, domainRequired: true }
    }
    if (enforced !== caller) {
      // ip_only: the slot the client IP holds (one more lookup, for these products only).
      return { caller: enforced, licenseKey, row: (await runtime.lookups.load({ keyHash: keyHash!, identity: enforced.identity })) ?? row, controls }
    }
  }
  return { caller, licenseKey, row, controls }
}

/**
 * Who is asking: the client IP (through the trusted proxy hops), its
 * rate-limit bucket and the identity that holds a slot, with the budget check
 * started (`limit`: the seconds to wait, or null); or the 400 to answer.
 * Shared with the product's license lookup (controls/look-up-license.ts).
 */
export function verifyCaller(
  service: LicenseModuleService,
  request: Pick<VerifyRequest, "remote_address" | "forwarded_for" | "domain" | "fingerprint" | "name">,
  runtime: VerifyRuntime
): VerifyRequestError | VerifyCaller {
  const ip = clientIp(request.remote_address, request.forwarded_for, service.options_.verify.trustedProxyHops)
  runtime.proxyWarning.note(request.forwarded_for)
  if (!ip) {
    return { type: "invalid_request", message: "The client address could not be determined" }
  }
  let reported: CallerIdentity
  try {
    reported = resolveCaller(request, ip)
  } catch (error) {
    if (error instanceof InvalidDomainError) {
      return { type: "invalid_request", message: error.message }
    }
    throw error
  }
  const bucket = rateLimitBucket(ip)
  return { ip, bucket, ...reported, limit: runtime.limiter.check(bucket) }
}

/**
 * Counts a failed attempt against the caller's budget: the answer, or 429 for
 * the failure that goes over it, so parallel guesses that all passed the
 * check still get at most the budget of answers.
 */
export async function failedAttempt<T>(runtime: VerifyRuntime, caller: VerifyCaller, result: T): Promise<T | RateLimited> {
  const retryAfter = await runtime.limiter.recordFailure(caller.bucket)
  return retryAfter === null ? result : rateLimited(retryAfter)
}
