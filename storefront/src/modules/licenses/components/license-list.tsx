import { Text } from "@medusajs/ui"
import LocalizedClientLink from "@modules/common/components/localized-client-link"
import type { StoreLicense } from "../types"
import LicenseCard from "./license-card"

/** The customer's licenses, newest first (the server's order). */
export default function LicenseList({ licenses }: { licenses: StoreLicense[] }) {
  if (!licenses.length) {
    return (
      <div className="flex flex-col items-start gap-y-2" data-testid="no-licenses">
        <Text>You have no licenses yet. Keys you buy appear here as soon as your order is placed.</Text>
        <LocalizedClientLink href="/" className="text-ui-fg-interactive">
          Continue shopping
        </LocalizedClientLink>
      </div>
    )
  }
  return (
    <ul className="flex flex-col gap-y-4">
      {licenses.map((license) => (
        <li key={license.id}>
          <LicenseCard license={license} />
        </li>
      ))}
    </ul>
  )
}
