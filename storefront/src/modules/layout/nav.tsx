import { retrieveCart } from "@lib/data/cart"
import LocalizedClientLink from "@modules/common/components/localized-client-link"

export default async function Nav() {
  const cart = await retrieveCart()
  const count = cart?.items?.reduce((n, item) => n + item.quantity, 0) ?? 0
  return (
    <header className="border-b border-ui-border-base">
      <nav className="content-container flex h-16 items-center justify-between txt-compact-medium">
        <LocalizedClientLink href="/" className="txt-compact-xlarge-plus">
          License keys demo store
        </LocalizedClientLink>
        <div className="flex items-center gap-x-6">
          <LocalizedClientLink href="/account" data-testid="nav-account-link">
            Account
          </LocalizedClientLink>
          <LocalizedClientLink href="/cart" data-testid="nav-cart-link">
            {`Cart (${count})`}
          </LocalizedClientLink>
        </div>
      </nav>
    </header>
  )
}
