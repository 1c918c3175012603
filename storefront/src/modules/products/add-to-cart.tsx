"use client"

import { addToCart } from "@lib/data/cart"
import { Button, Label, Text } from "@medusajs/ui"
import { useActionState } from "react"

export type VariantChoice = { id: string; title: string; price: string | null }

/** Choose a variant and add it to the cart (a server action; then the cart page). */
export default function AddToCart({ variants, countryCode }: { variants: VariantChoice[]; countryCode: string }) {
  const [error, action, pending] = useActionState(addToCart, null)
  return (
    <form action={action} className="flex flex-col gap-y-4">
      <input type="hidden" name="country_code" value={countryCode} />
      <fieldset className="flex flex-col gap-y-2">
        <legend className="txt-compact-medium-plus mb-2">License</legend>
        {variants.map((variant, index) => (
          <Label key={variant.id} className="flex items-center gap-x-2">
            <input type="radio" name="variant_id" value={variant.id} defaultChecked={index === 0} />
            <span>{variant.title}</span>
            {variant.price && <span className="text-ui-fg-subtle">{variant.price}</span>}
          </Label>
        ))}
      </fieldset>
      <div>
        <Button type="submit" isLoading={pending}>
          Add to cart
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
