import { Heading, Text } from "@medusajs/ui"
import ClaimLicense from "@modules/licenses/components/claim-license"
import type { Metadata } from "next"

export const metadata: Metadata = { title: "Claim a license" }

/** The claim link of a transfer (`/account/licenses/claim?token=...`, the plugin's transferClaimPath). */
export default async function ClaimLicensePage(props: { searchParams: Promise<{ token?: string }> }) {
  const { token } = await props.searchParams
  return (
    <div className="flex flex-col gap-y-4" data-testid="license-claim">
      <Heading level="h1" className="text-2xl-semi">
        Claim a license
      </Heading>
      {token ? <ClaimLicense token={token} /> : <Text>This link has no claim token: open the link from the e-mail again.</Text>}
    </div>
  )
}
