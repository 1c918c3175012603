"use client"

import { placeOrder } from "@lib/data/cart"
import { Button, Input, Label, Text } from "@medusajs/ui"
import { useActionState } from "react"

/** E-mail (prefilled for a logged-in customer) and "Place order" with the region's payment provider. */
export default function CheckoutForm({ countryCode, email }: { countryCode: string; email: string }) {
  const [error, action, pending] = useActionState(placeOrder, null)
  return (
    <form action={action} className="flex flex-col gap-y-4">
      <input type="hidden" name="country_code" value={countryCode} />
      <div className="flex flex-col gap-y-1">
        <Label htmlFor="checkout-email">E-mail</Label>
        <Input id="checkout-email" name="email" type="email" required defaultValue={email} />
      </div>
      <Text size="small" className="text-ui-fg-subtle">
        Payment: the store's default provider (test payments; nothing is charged). Your license keys appear in Account →
        Licenses as soon as the order is placed.
      </Text>
      <div>
        <Button type="submit" isLoading={pending}>
          Place order
        </Button>
      </div>
      {error && (
        <Text className="text-ui-fg-error" role="alert">
          {error}
        </Text>
      )}
    </form>
  )
}
