import { StatusBadge } from "@medusajs/ui"
import { statusColor, statusLabel } from "../lib/format"
import type { LicenseStatus } from "../lib/types"

export const LicenseStatusBadge = ({ status }: { status: LicenseStatus }) => (
  <StatusBadge color={statusColor[status]} data-testid="license-status">
    {statusLabel[status]}
  </StatusBadge>
)
