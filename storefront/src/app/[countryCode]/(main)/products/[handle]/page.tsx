import { retrieveProduct } from "@lib/data/products"
import { Heading, Text } from "@medusajs/ui"
import AddToCart from "@modules/products/add-to-cart"
import { formatAmount, variantPrice } from "@modules/products/price"
import { notFound } from "next/navigation"

type Props = { params: Promise<{ countryCode: string; handle: string }> }

export default async function ProductPage(props: Props) {
  const { countryCode, handle } = await props.params
  const product = await retrieveProduct(countryCode, handle)
  if (!product) notFound()
  const variants = (product.variants ?? []).map((variant) => {
    const price = variantPrice(variant)
    return { id: variant.id, title: variant.title ?? "", price: price ? formatAmount(price.amount, price.currency) : null }
  })
  return (
    <div className="grid grid-cols-1 gap-8 small:grid-cols-2">
      <div className="flex flex-col gap-y-3">
        <Heading level="h1" className="text-2xl-semi">
          {product.title}
        </Heading>
        {product.description && <Text className="text-ui-fg-subtle">{product.description}</Text>}
      </div>
      <AddToCart variants={variants} countryCode={countryCode} />
    </div>
  )
}
