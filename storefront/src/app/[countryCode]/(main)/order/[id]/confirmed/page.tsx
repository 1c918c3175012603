import { retrieveOrder } from "@lib/data/cart"
import { Heading, Text } from "@medusajs/ui"
import LocalizedClientLink from "@modules/common/components/localized-client-link"
import { notFound } from "next/navigation"

export const metadata = { title: "Order confirmed" }

export default async function OrderConfirmed(props: { params: Promise<{ id: string }> }) {
  const order = await retrieveOrder((await props.params).id)
  if (!order) notFound()
  return (
    <div className="flex flex-col gap-y-4" data-testid="order-confirmed">
      <Heading level="h1" className="text-2xl-semi">
        Thank you! Order #{order.display_id} is placed.
      </Heading>
      <ul>
        {order.items?.map((item) => (
          <li key={item.id}>
            <Text>
              {item.product_title} ({item.variant_title}) × {item.quantity}
            </Text>
          </li>
        ))}
      </ul>
      <Text>
        Your license keys are in{" "}
        <LocalizedClientLink href="/account/licenses" className="text-ui-fg-interactive">
          Account → Licenses
        </LocalizedClientLink>{" "}
        (and on their way by e-mail).
      </Text>
    </div>
  )
}
