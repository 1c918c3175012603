import { retrieveCustomer } from "@lib/data/customer"
import { Toaster } from "@medusajs/ui"
import AccountNav from "@modules/account/components/account-nav"
import type React from "react"

// As in the starter: the @dashboard slot for a logged-in customer, @login otherwise.
export default async function AccountPageLayout({ dashboard, login }: { dashboard?: React.ReactNode; login?: React.ReactNode }) {
  const customer = await retrieveCustomer()
  return (
    <div className="grid grid-cols-1 gap-8 small:grid-cols-[240px_1fr]" data-testid="account-page">
      <div>{customer && <AccountNav firstName={customer.first_name ?? null} />}</div>
      <div className="flex-1">{customer ? dashboard : login}</div>
      <Toaster />
    </div>
  )
}
