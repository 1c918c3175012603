import { listProducts } from "@lib/data/products"
import { Container, Heading, Text } from "@medusajs/ui"
import LocalizedClientLink from "@modules/common/components/localized-client-link"
import { formatAmount, lowestPrice } from "@modules/products/price"

export default async function Home(props: { params: Promise<{ countryCode: string }> }) {
  const { countryCode } = await props.params
  const products = await listProducts(countryCode)
  return (
    <div className="flex flex-col gap-y-6">
      <Heading level="h1" className="text-2xl-semi">
        Store
      </Heading>
      {!products.length && <Text>No products yet: run the seed (npm run dev does).</Text>}
      <ul className="grid grid-cols-1 gap-4 small:grid-cols-3">
        {products.map((product) => {
          const price = lowestPrice(product)
          return (
            <li key={product.id}>
              <LocalizedClientLink href={`/products/${product.handle}`}>
                <Container className="flex flex-col gap-y-2 hover:shadow-elevation-card-hover">
                  <Heading level="h2">{product.title}</Heading>
                  {price && <Text className="text-ui-fg-subtle">from {formatAmount(price.amount, price.currency)}</Text>}
                </Container>
              </LocalizedClientLink>
            </li>
          )
        })}
      </ul>
    </div>
  )
}
