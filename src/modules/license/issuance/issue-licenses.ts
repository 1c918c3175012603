import type { Context } from "@medusajs/framework/types"
import { transactionKnex } from "../database"
import { generateKeyBody, keyHint } from "../rules/license-key"
import { expiryOnIssue } from "../rules/expiry"
import { withTrialDefaults } from "../rules/trials"
import { checkedEntitlements } from "../rules/entitlements"
import { admitTrialUnits } from "../trials/trial-units"
import { convertTrialUnits } from "../trials/convert-trials"
import { countPerLine, unitsReturnedBeforeIssuance } from "../rules/returned-keys"
import { RevokeReason } from "../rules/status-change"
import type LicenseModuleService from "../service"
import type { IssueLicenseInput, IssueLicensesResult, LicensePolicyDTO, LicensePolicyInput } from "../service"
import { licenseEventRow } from "../sql/events"
import { lockOrdersForLicensing } from "../sql/order-locks"
import { addKeysRevokedForReturns, loadReturnDebts, loadWhollyRevokedOrders } from "../sql/order-revocations"
import { assertRenewalPolicies, policyRow } from "../renewals/check-policies"
import { type LicenseActor, LicenseEventType } from "../types"
import { assertUpgradePaths } from "../upgrades/check-paths"

/** Issuance (README "Issuance"): keys for the licensed units of paid orders, and the policies that say what to issue. */

const unitKey = (lineItemId: string, unitIndex: number) => `${lineItemId}#${unitIndex}`

/**
 * Issues one key per unit. Units of an order line item are issued at most
 * once: concurrent calls for the same orders are serialised by a transaction
 * advisory lock per order (held in PostgreSQL, so it works across server
 * instances), existing units are skipped, and the unique index on
 * (line_item_id, unit_index) is the last guard.
 */
export async function issueLicenses(
  this: LicenseModuleService,
  units: IssueLicenseInput[],
  actor: LicenseActor,
  sharedContext: Context
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
  const unissued = units.filter((u) => !u.line_item_id || !issuedUnits.has(unitKey(u.line_item_id, u.unit_index ?? 0)))
  // One trial per e-mail and product: a trial unit whose e-mail holds one already gets no key.
  const admitted = await admitTrialUnits(knex, unissued)
  // A paid unit of a product the e-mail holds an active trial of converts that trial key instead.
  const conversion = await convertTrialUnits(knex, admitted, actor, now)
  const missing = conversion.remaining
  // Units returned before their keys existed are issued revoked.
  const issuedRevoked = unitsReturnedBeforeIssuance(missing, await loadReturnDebts(knex, orderIds))
  const toCreate = missing.map((unit) => {
    const body = generateKeyBody()
    const { term_days, expires_at, trial: _trial, ...rest } = unit
    return {
      customer_id: null,
      customer_email: null,
      customer_discord_id: null,
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
      key_hash: this.keys_.hash(body),
      key_encrypted: this.keys_.vault.encrypt(body),
      key_hint: keyHint(body),
      ...(issuedRevoked.has(unit)
        ? { status: "revoked" as const, revoke_reason: RevokeReason.RETURN, revoked_at: now }
        : { status: "active" as const }),
      ...expiryOnIssue({ expires_at, term_days, expiry_basis: unit.expiry_basis }, now),
      activations_used: 0,
    }
  })

  const created = toCreate.length ? await this.createLicenses(toCreate, sharedContext) : []
  if (created.length) {
    await this.createLicenseEvents(
      created.map((license) =>
        licenseEventRow(license.id, LicenseEventType.ISSUED, actor, {
          order_id: license.order_id,
          line_item_id: license.line_item_id,
          unit_index: license.unit_index,
          max_activations: license.max_activations,
          expires_at: license.expires_at,
        })
      ),
      sharedContext
    )
  }
  const bornRevoked = created.filter((license) => license.status === "revoked")
  if (bornRevoked.length) {
    await addKeysRevokedForReturns(knex, countPerLine(bornRevoked))
    await this.createLicenseEvents(
      bornRevoked.map((license) =>
        licenseEventRow(license.id, LicenseEventType.REVOKED, actor, {
          reason: RevokeReason.RETURN,
          order_id: license.order_id,
          returned_before_issuance: true,
        })
      ),
      sharedContext
    )
  }
  if (conversion.events.length) {
    await this.createLicenseEvents(conversion.events, sharedContext)
  }
  const converted = conversion.converted.length
    ? await this.listLicenses({ id: conversion.converted }, { take: null }, sharedContext)
    : []
  return { created, existing, converted }
}

/** Creates or updates the policies of a product's variants. */
export async function setProductPolicies(
  this: LicenseModuleService,
  productId: string,
  policies: LicensePolicyInput[],
  sharedContext: Context
): Promise<LicensePolicyDTO[]> {
  policies = policies.map(withTrialDefaults).map((p) =>
    p.entitlements === undefined ? p : { ...p, entitlements: checkedEntitlements(p.entitlements, `variant ${p.variant_id}: `) }
  )
  const current = await this.listLicensePolicies(
    { variant_id: policies.map((p) => p.variant_id) },
    { take: null },
    sharedContext
  )
  const byVariant = new Map(current.map((p) => [p.variant_id, p]))
  assertRenewalPolicies(policies, byVariant)
  const toUpdate = policies
    .filter((p) => byVariant.has(p.variant_id))
    .map((p) => ({ id: byVariant.get(p.variant_id)!.id, product_id: productId, ...policyRow(p) }))
  const toCreate = policies.filter((p) => !byVariant.has(p.variant_id)).map((p) => ({ product_id: productId, ...policyRow(p) }))
  if (toUpdate.length) {
    await this.updateLicensePolicies(toUpdate, sharedContext)
  }
  if (toCreate.length) {
    await this.createLicensePolicies(toCreate, sharedContext)
  }
  const saved = await this.listLicensePolicies({ product_id: productId }, { take: null }, sharedContext)
  assertUpgradePaths(policies, saved)
  return saved
}
