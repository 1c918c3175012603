import { retrieveCustomer } from "@lib/data/customer"
import { Heading, Text } from "@medusajs/ui"
import LocalizedClientLink from "@modules/common/components/localized-client-link"

export const metadata = { title: "Account" }

export default async function AccountOverview() {
  const customer = await retrieveCustomer()
  return (
    <div className="flex flex-col gap-y-4" data-testid="account-overview">
      <Heading level="h1" className="text-2xl-semi">
        Account
      </Heading>
      <Text>Signed in as {customer?.email}.</Text>
      <LocalizedClientLink href="/account/licenses" className="text-ui-fg-interactive">
        Your licenses →
      </LocalizedClientLink>
    </div>
  )
}
