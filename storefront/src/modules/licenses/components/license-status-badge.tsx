import { Badge } from "@medusajs/ui"
import { STATUS_COLOR, STATUS_LABEL } from "../format"
import type { LicenseStatus } from "../types"

export default function LicenseStatusBadge({ status }: { status: LicenseStatus }) {
  return (
    <Badge color={STATUS_COLOR[status]} size="small" data-testid="license-status">
      {STATUS_LABEL[status]}
    </Badge>
  )
}
