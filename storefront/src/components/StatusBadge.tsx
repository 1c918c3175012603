import type { LicenseStatus } from "../api"
import { STATUS_LABELS } from "../format"

/** The status in words (never colour alone). */
export function StatusBadge({ status }: { status: LicenseStatus }) {
  return <span className={`lk-badge lk-badge--${status}`}>{STATUS_LABELS[status] ?? status}</span>
}
