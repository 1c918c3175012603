import { retrieveCart } from "@lib/data/cart"
import { retrieveCustomer } from "@lib/data/customer"
import { Container, Heading, Text } from "@medusajs/ui"
import CheckoutForm from "@modules/cart/checkout-form"
import RemoveItemButton from "@modules/cart/remove-item-button"
import LocalizedClientLink from "@modules/common/components/localized-client-link"
import { formatDate } from "@modules/licenses/format"
import { formatAmount } from "@modules/products/price"

export const metadata = { title: "Cart" }

export default async function CartPage(props: { params: Promise<{ countryCode: string }> }) {
  const { countryCode } = await props.params
  const [cart, customer] = await Promise.all([retrieveCart(), retrieveCustomer()])
  const items = cart?.items ?? []
  return (
    <div className="flex flex-col gap-y-6">
      <Heading level="h1" className="text-2xl-semi">
        Cart
      </Heading>
      {!cart || !items.length ? (
        <Text>
          Your cart is empty. <LocalizedClientLink href="/" className="text-ui-fg-interactive">Continue shopping</LocalizedClientLink>
        </Text>
      ) : (
        <div className="grid grid-cols-1 gap-8 small:grid-cols-[1fr_360px]">
          <ul className="flex flex-col divide-y divide-ui-border-base">
            {items.map((item) => (
              <li key={item.id} className="flex items-center justify-between py-3" data-testid="cart-item">
                <div>
                  <Text weight="plus">{item.product_title}</Text>
                  <Text size="small" className="text-ui-fg-subtle">
                    {item.variant_title} × {item.quantity}
                  </Text>
                  {typeof item.metadata?.license_new_expires_at === "string" && (
                    <Text size="small" className="text-ui-fg-subtle" data-testid="cart-item-renewal">
                      Renewal: valid until {formatDate(item.metadata.license_new_expires_at)}
                    </Text>
                  )}
                  {item.metadata?.license_action === "upgrade" && (
                    <Text size="small" className="text-ui-fg-subtle" data-testid="cart-item-upgrade">
                      Upgrade of your license: same key and expiry
                    </Text>
                  )}
                </div>
                <div className="flex items-center gap-x-4">
                  <Text>{formatAmount(Number(item.total ?? 0), cart.currency_code)}</Text>
                  <RemoveItemButton lineId={item.id} title={`${item.product_title} ${item.variant_title}`} />
                </div>
              </li>
            ))}
          </ul>
          <Container className="flex flex-col gap-y-4">
            <div className="flex justify-between">
              <Text weight="plus">Total</Text>
              <Text weight="plus" data-testid="cart-total">
                {formatAmount(Number(cart.total ?? 0), cart.currency_code)}
              </Text>
            </div>
            <CheckoutForm countryCode={countryCode} email={cart.email ?? customer?.email ?? ""} />
          </Container>
        </div>
      )}
    </div>
  )
}
