import { StatusBadge } from "@medusajs/ui"
import { statusColor, statusLabel } from "../lib/format"
import type { LicenseStatus } from "../lib/types"

/** The status; a suspension says why: "Suspended · billing" (a payment dispute) or "· manual" (the admin). */
export const LicenseStatusBadge = ({ status, suspension }: { status: LicenseStatus; suspension?: "billing" | "manual" | null }) => (
  <StatusBadge color={statusColor[status]} data-testid="license-status">
    {statusLabel[status]}
    {status === "suspended" && suspension ? ` · ${suspension}` : ""}
  </StatusBadge>
)
