import type { RenewalFields, VariantRenewalPolicy } from "./api"

/** The form state of one variant's renewal fields (inputs hold text). */
export type RenewalDraft = {
  variant_id: string
  renewable: boolean
  price_type: RenewalFields["renewal_price_type"]
  discount_percent: string
  fixed_price: string
  term_days: string
  basis: RenewalFields["renewal_basis"]
  /** Comma-separated day offsets; "" = the defaults (-30, -7, 1, 7); "none" = no reminders. */
  reminders: string
  /** The variants a key of this variant may be upgraded to. */
  upgrade_paths: string[]
}

export const toRenewalDraft = (p: VariantRenewalPolicy): RenewalDraft => ({
  variant_id: p.variant_id,
  renewable: p.renewable,
  price_type: p.renewal_price_type,
  discount_percent: String(p.renewal_discount_percent),
  fixed_price: p.renewal_fixed_price === null ? "" : String(p.renewal_fixed_price),
  term_days: p.renewal_term_days === null ? "" : String(p.renewal_term_days),
  basis: p.renewal_basis,
  reminders: p.reminder_offsets_days === null ? "" : p.reminder_offsets_days.length ? p.reminder_offsets_days.join(", ") : "none",
  upgrade_paths: p.upgrade_paths ?? [],
})

function parseReminders(text: string): number[] | null | "invalid" {
  const trimmed = text.trim()
  if (trimmed === "") {
    return null
  }
  if (trimmed.toLowerCase() === "none") {
    return []
  }
  const days = trimmed.split(",").map((part) => Number(part.trim()))
  return days.every((d) => Number.isInteger(d) && d >= -365 && d <= 365) && days.length <= 10 ? days : "invalid"
}

/** The problem with a draft, or null. */
export function renewalDraftError(d: RenewalDraft, policy: VariantRenewalPolicy): string | null {
  const pct = Number(d.discount_percent)
  if (!Number.isInteger(pct) || pct < 0 || pct > 100) {
    return "Discount: a whole percentage from 0 to 100."
  }
  if (d.fixed_price.trim() !== "" && !(Number(d.fixed_price) >= 0)) {
    return "Fixed renewal price: an amount, 0 or more."
  }
  if (d.price_type === "fixed" && d.renewable && d.fixed_price.trim() === "") {
    return "Fixed renewal price: enter the amount."
  }
  const term = Number(d.term_days)
  if (d.term_days.trim() !== "" && (!Number.isInteger(term) || term < 1 || term > 36500)) {
    return "Renewal term: empty (the policy's term) or 1 to 36500 days."
  }
  if (d.renewable && d.term_days.trim() === "" && policy.term_days === null) {
    return "A lifetime variant needs a renewal term to be renewable."
  }
  if (parseReminders(d.reminders) === "invalid") {
    return "Reminders: day offsets such as -30, -7, 1, 7 (negative = before expiry), or none."
  }
  return null
}

/** The policy row to save: the base and expiry fields as loaded, the renewal fields from the draft. */
export function renewalPolicyToSave(d: RenewalDraft, p: VariantRenewalPolicy): Omit<VariantRenewalPolicy, "variant_title"> {
  const reminders = parseReminders(d.reminders)
  return {
    variant_id: p.variant_id,
    licensed: p.licensed,
    max_activations: p.max_activations,
    term_days: p.term_days,
    deactivations_per_30_days: p.deactivations_per_30_days,
    expiry_strategy: p.expiry_strategy,
    grace_days: p.grace_days,
    expiry_basis: p.expiry_basis,
    trial: p.trial,
    local_sites_free: p.local_sites_free,
    heartbeat_interval_seconds: p.heartbeat_interval_seconds,
    renewable: d.renewable,
    renewal_price_type: d.price_type,
    renewal_discount_percent: Number(d.discount_percent),
    renewal_fixed_price: d.fixed_price.trim() === "" ? null : Number(d.fixed_price),
    renewal_term_days: d.term_days.trim() === "" ? null : Number(d.term_days),
    renewal_basis: d.basis,
    reminder_offsets_days: reminders === "invalid" ? null : reminders,
    upgrade_paths: d.upgrade_paths,
  }
}
