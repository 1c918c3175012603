import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { type DemoStore, placeOrder, seedStore } from "../helpers/store"

jest.setTimeout(120 * 1000)

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let store: DemoStore

    beforeAll(async () => {
      store = await seedStore(getContainer())
    })

    it("boots and answers GET /health", async () => {
      const res = await api.get("/health")
      expect(res.status).toBe(200)
      expect(res.data).toBe("OK")
    })

    it("seeds idempotently: a second run creates nothing new", async () => {
      const again = await seedStore(getContainer())
      expect(again).toEqual(store)
      const products = await getContainer().resolve("product").listProducts({ handle: "pro-plugin" })
      expect(products).toHaveLength(1)
      const regions = await getContainer().resolve("region").listRegions({})
      expect(regions).toHaveLength(1)
    })

    it("shows the seeded product through the store API with the publishable key", async () => {
      const res = await api.get("/store/products?handle=pro-plugin", {
        headers: { "x-publishable-api-key": store.publishable_key },
      })
      expect(res.status).toBe(200)
      expect(res.data.products).toHaveLength(1)
      const product = res.data.products[0]
      expect(product.title).toBe("Pro Plugin")
      expect(product.variants.map((v: { title: string }) => v.title).sort()).toEqual(
        ["5 sites", "Single site", "Unlimited sites"].sort()
      )
    })

    it("refuses the store API without a publishable key", async () => {
      const res = await api.get("/store/products", { validateStatus: () => true })
      expect(res.status).toBe(400)
    })

    it("completes a cart with the seeded product into an order", async () => {
      const order = await placeOrder(api, store, [{ variant_id: store.variants["5 sites"], quantity: 2 }], {
        email: "buyer@example.com",
      })
      expect(order.id).toMatch(/^order_/)
      expect(order.email).toBe("buyer@example.com")
      expect(order.items).toHaveLength(1)
      expect(order.items[0].quantity).toBe(2)
      expect(order.items[0].variant_id).toBe(store.variants["5 sites"])
    })
  },
})
