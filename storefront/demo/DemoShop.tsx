import { useEffect, useState } from "react"
import { sdk } from "./sdk"

type Variant = { id: string; title: string | null }
type Offer = { regionId: string; productTitle: string; variants: Variant[] }

const PRODUCT_HANDLE = "pro-plugin"

/**
 * Demo only: buys a variant of the seeded "Pro Plugin" with Medusa's system
 * (test) payment provider, so a store owner trying `npm run dev` gets keys to
 * look at. A real store sells through its normal checkout.
 */
export function DemoShop({ email, onOrdered }: { email: string; onOrdered: () => void }) {
  const [offer, setOffer] = useState<Offer | null>(null)
  const [busy, setBusy] = useState<string | null>(null)
  const [message, setMessage] = useState("")

  useEffect(() => {
    void (async () => {
      try {
        const { regions } = await sdk.store.region.list({ limit: 1 })
        const region = regions[0]
        const { products } = await sdk.store.product.list({ handle: PRODUCT_HANDLE, region_id: region.id, fields: "id,title,*variants" })
        const product = products[0]
        if (region && product) {
          setOffer({
            regionId: region.id,
            productTitle: product.title,
            variants: (product.variants ?? []).map((v) => ({ id: v.id, title: v.title ?? null })),
          })
        }
      } catch {
        setOffer(null)
      }
    })()
  }, [])

  async function buy(variant: Variant) {
    if (!offer) return
    setBusy(variant.id)
    setMessage("")
    try {
      const { cart } = await sdk.store.cart.create({ region_id: offer.regionId, email, items: [{ variant_id: variant.id, quantity: 1 }] })
      await sdk.store.payment.initiatePaymentSession(cart, { provider_id: "pp_system_default" })
      const completed = await sdk.store.cart.complete(cart.id)
      if (completed.type !== "order") {
        throw new Error(completed.error?.message ?? "The cart could not be completed.")
      }
      setMessage(`Order #${completed.order.display_id} placed. Your key appears below in a moment.`)
      onOrdered()
    } catch (error) {
      setMessage(error instanceof Error ? error.message : "The order failed.")
    } finally {
      setBusy(null)
    }
  }

  if (!offer) {
    return null
  }
  return (
    <section className="demo-shop" aria-labelledby="demo-shop-title">
      <h2 id="demo-shop-title">Demo checkout</h2>
      <p>Buy {offer.productTitle} with the test payment provider to get a key:</p>
      <div className="demo-shop__buttons">
        {offer.variants.map((variant) => (
          <button
            key={variant.id}
            type="button"
            className="lk-button lk-button--secondary"
            disabled={busy !== null}
            onClick={() => buy(variant)}
          >
            {busy === variant.id ? "Ordering…" : `Buy ${variant.title ?? "it"}`}
          </button>
        ))}
      </div>
      <p role="status" aria-live="polite">
        {message}
      </p>
    </section>
  )
}
