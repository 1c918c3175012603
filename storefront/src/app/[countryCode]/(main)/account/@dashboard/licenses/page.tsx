import { listLicenses } from "@lib/data/licenses"
import { Heading, Text } from "@medusajs/ui"
import LicenseList from "@modules/licenses/components/license-list"
import type { Metadata } from "next"

export const metadata: Metadata = {
  title: "Licenses",
  description: "Your license keys, the sites using them, and transfers.",
}

export default async function LicensesPage() {
  const { licenses } = await listLicenses()
  return (
    <div className="w-full" data-testid="licenses-page-wrapper">
      <div className="mb-8 flex flex-col gap-y-4">
        <Heading level="h1" className="text-2xl-semi">
          Licenses
        </Heading>
        <Text className="text-base-regular">
          Your license keys: copy a key into your software, see which sites use it, free a slot or transfer a license.
        </Text>
      </div>
      <LicenseList licenses={licenses} />
    </div>
  )
}
