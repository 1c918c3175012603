import { DEACTIVATION_WINDOW_DAYS } from "./deactivation-budget"

export type ResolvedHistoryOptions = {
  /** Released activations and churn events older than this are pruned; 0 = kept forever. */
  retentionDays: number
}

export const DEFAULT_HISTORY_RETENTION_DAYS = 180

/**
 * `historyRetentionDays` (env LICENSE_HISTORY_RETENTION_DAYS): 0 keeps
 * everything; otherwise at least 31 days, so that pruning never deletes a
 * release the 30-day deactivation budget still counts.
 */
export function resolveHistoryOptions(value: number | string | undefined): ResolvedHistoryOptions {
  if (value === undefined || value === null || value === "") {
    return { retentionDays: DEFAULT_HISTORY_RETENTION_DAYS }
  }
  const parsed = typeof value === "number" ? value : Number(String(value).trim())
  const min = DEACTIVATION_WINDOW_DAYS + 1
  if (!Number.isInteger(parsed) || (parsed !== 0 && (parsed < min || parsed > 36500))) {
    throw new Error(
      `License keys: option historyRetentionDays must be 0 (keep forever) or an integer from ${min} to 36500 ` +
        `(longer than the ${DEACTIVATION_WINDOW_DAYS}-day deactivation budget window), got "${value}".`
    )
  }
  return { retentionDays: parsed }
}
