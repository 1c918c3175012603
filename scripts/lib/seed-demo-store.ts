import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules, ProductStatus } from "@medusajs/framework/utils"
import {
  createApiKeysWorkflow,
  createProductsWorkflow,
  createRegionsWorkflow,
  createSalesChannelsWorkflow,
  createShippingOptionsWorkflow,
  createShippingProfilesWorkflow,
  createStockLocationsWorkflow,
  createTaxRegionsWorkflow,
  createUsersWorkflow,
  linkSalesChannelsToApiKeyWorkflow,
  linkSalesChannelsToStockLocationWorkflow,
  updateStoresWorkflow,
} from "@medusajs/medusa/core-flows"
import { LICENSE_MODULE } from "../../src/modules/license"
import type LicenseModuleService from "../../src/modules/license/service"

export const DEMO_ADMIN_EMAIL = process.env.ADMIN_EMAIL || "admin@example.com"
export const DEMO_ADMIN_PASSWORD = process.env.ADMIN_PASSWORD || "supersecret"
export const DEMO_PRODUCT_HANDLE = "pro-plugin"

export type DemoStore = {
  admin_email: string
  admin_password: string
  publishable_key: string
  region_id: string
  sales_channel_id: string
  product_id: string
  variants: Record<string, string>
}

/**
 * Creates the demo store a developer needs to check out a licensed product.
 * Every piece is looked up first, so running it twice changes nothing.
 */
export async function seedDemoStore(container: MedusaContainer): Promise<DemoStore> {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const link = container.resolve(ContainerRegistrationKeys.LINK)
  const storeModule = container.resolve(Modules.STORE)
  const salesChannelModule = container.resolve(Modules.SALES_CHANNEL)
  const regionModule = container.resolve(Modules.REGION)
  const taxModule = container.resolve(Modules.TAX)
  const stockLocationModule = container.resolve(Modules.STOCK_LOCATION)
  const fulfillmentModule = container.resolve(Modules.FULFILLMENT)
  const apiKeyModule = container.resolve(Modules.API_KEY)
  const productModule = container.resolve(Modules.PRODUCT)
  const userModule = container.resolve(Modules.USER)
  const authModule = container.resolve(Modules.AUTH)

  let [salesChannel] = await salesChannelModule.listSalesChannels({ name: "Default Sales Channel" })
  if (!salesChannel) {
    const { result } = await createSalesChannelsWorkflow(container).run({
      input: { salesChannelsData: [{ name: "Default Sales Channel" }] },
    })
    salesChannel = result[0]
  }

  const [store] = await storeModule.listStores()
  const hasUsd = store.supported_currencies?.some((c) => c.currency_code === "usd" && c.is_default)
  if (!hasUsd || store.default_sales_channel_id !== salesChannel.id) {
    await updateStoresWorkflow(container).run({
      input: {
        selector: { id: store.id },
        update: {
          supported_currencies: [
            { currency_code: "usd", is_default: true },
            { currency_code: "eur" },
          ],
          default_sales_channel_id: salesChannel.id,
        },
      },
    })
  }

  let [region] = await regionModule.listRegions({ name: "United States" })
  if (!region) {
    const { result } = await createRegionsWorkflow(container).run({
      input: {
        regions: [
          { name: "United States", currency_code: "usd", countries: ["us"], payment_providers: ["pp_system_default"] },
        ],
      },
    })
    region = result[0]
  }

  const taxRegions = await taxModule.listTaxRegions({ country_code: "us" })
  if (!taxRegions.length) {
    await createTaxRegionsWorkflow(container).run({ input: [{ country_code: "us", provider_id: "tp_system" }] })
  }

  let [shippingProfile] = await fulfillmentModule.listShippingProfiles({ type: "default" })
  if (!shippingProfile) {
    const { result } = await createShippingProfilesWorkflow(container).run({
      input: { data: [{ name: "Default Shipping Profile", type: "default" }] },
    })
    shippingProfile = result[0]
  }

  let [stockLocation] = await stockLocationModule.listStockLocations({ name: "Main warehouse" })
  if (!stockLocation) {
    const { result } = await createStockLocationsWorkflow(container).run({
      input: { locations: [{ name: "Main warehouse", address: { address_1: "", city: "", country_code: "us" } }] },
    })
    stockLocation = result[0]
    await link.create({
      [Modules.STOCK_LOCATION]: { stock_location_id: stockLocation.id },
      [Modules.FULFILLMENT]: { fulfillment_provider_id: "manual_manual" },
    })
    await linkSalesChannelsToStockLocationWorkflow(container).run({
      input: { id: stockLocation.id, add: [salesChannel.id] },
    })
    const fulfillmentSet = await fulfillmentModule.createFulfillmentSets({
      name: "Main warehouse delivery",
      type: "shipping",
      service_zones: [{ name: "United States", geo_zones: [{ country_code: "us", type: "country" }] }],
    })
    await link.create({
      [Modules.STOCK_LOCATION]: { stock_location_id: stockLocation.id },
      [Modules.FULFILLMENT]: { fulfillment_set_id: fulfillmentSet.id },
    })
    await createShippingOptionsWorkflow(container).run({
      input: [
        {
          name: "Standard Shipping",
          price_type: "flat",
          provider_id: "manual_manual",
          service_zone_id: fulfillmentSet.service_zones[0].id,
          shipping_profile_id: shippingProfile.id,
          type: { label: "Standard", description: "Ships in 2-3 days.", code: "standard" },
          prices: [
            { currency_code: "usd", amount: 10 },
            { region_id: region.id, amount: 10 },
          ],
          rules: [
            { attribute: "enabled_in_store", value: "true", operator: "eq" },
            { attribute: "is_return", value: "false", operator: "eq" },
          ],
        },
      ],
    })
  }

  let [apiKey] = await apiKeyModule.listApiKeys({ title: "Webshop", type: "publishable" })
  if (!apiKey) {
    const { result } = await createApiKeysWorkflow(container).run({
      input: { api_keys: [{ title: "Webshop", type: "publishable", created_by: "" }] },
    })
    apiKey = result[0]
    await linkSalesChannelsToApiKeyWorkflow(container).run({ input: { id: apiKey.id, add: [salesChannel.id] } })
  }

  // A software product: no shipping profile and no inventory, so checkout needs
  // no shipping method.
  let [product] = await productModule.listProducts({ handle: DEMO_PRODUCT_HANDLE }, { relations: ["variants"] })
  if (!product) {
    const { result } = await createProductsWorkflow(container).run({
      input: {
        products: [
          {
            title: "Pro Plugin",
            handle: DEMO_PRODUCT_HANDLE,
            description: "A WordPress plugin sold with license keys.",
            status: ProductStatus.PUBLISHED,
            options: [{ title: "License", values: ["Single site", "5 sites", "Unlimited sites"] }],
            variants: [
              { title: "Single site", sku: "PRO-1", price: 49 },
              { title: "5 sites", sku: "PRO-5", price: 149 },
              { title: "Unlimited sites", sku: "PRO-UNLIMITED", price: 299 },
            ].map((v) => ({
              title: v.title,
              sku: v.sku,
              manage_inventory: false,
              options: { License: v.title },
              prices: [{ currency_code: "usd", amount: v.price }],
            })),
            sales_channels: [{ id: salesChannel.id }],
          },
        ],
      },
    })
    product = result[0]
  }

  // Single site: 1 activation for a year; 5 sites: 5 for a year; Unlimited: lifetime.
  const licenseModule = container.resolve<LicenseModuleService>(LICENSE_MODULE)
  const existingPolicies = await licenseModule.listLicensePolicies({ product_id: product.id })
  if (!existingPolicies.length) {
    const byTitle = new Map((product.variants ?? []).map((v) => [v.title, v.id]))
    // The demo counts every site, local and staging ones too (local_sites_free off): its examples and the HTTP
    // tests activate `.example` domains and count their slots. Turn it on in the product's Licensing widget.
    const counted = { local_sites_free: false }
    await licenseModule.setProductPolicies(product.id, [
      { variant_id: byTitle.get("Single site")!, licensed: true, max_activations: 1, term_days: 365, ...counted },
      { variant_id: byTitle.get("5 sites")!, licensed: true, max_activations: 5, term_days: 365, ...counted },
      { variant_id: byTitle.get("Unlimited sites")!, licensed: true, max_activations: 0, term_days: null, ...counted },
    ])
  }

  const [admin] = await userModule.listUsers({ email: DEMO_ADMIN_EMAIL })
  if (!admin) {
    const { result: users } = await createUsersWorkflow(container).run({
      input: { users: [{ email: DEMO_ADMIN_EMAIL }] },
    })
    const { authIdentity, error } = await authModule.register("emailpass", {
      body: { email: DEMO_ADMIN_EMAIL, password: DEMO_ADMIN_PASSWORD },
    } as never)
    if (error || !authIdentity) {
      throw new Error(`Could not create the admin user: ${error}`)
    }
    await authModule.updateAuthIdentities({ id: authIdentity.id, app_metadata: { user_id: users[0].id } })
  }

  const variants = Object.fromEntries((product.variants ?? []).map((v) => [v.title as string, v.id]))
  logger.info(`Demo store ready: product ${product.id}, publishable key ${apiKey.token}`)

  return {
    admin_email: DEMO_ADMIN_EMAIL,
    admin_password: DEMO_ADMIN_PASSWORD,
    publishable_key: apiKey.token,
    region_id: region.id,
    sales_channel_id: salesChannel.id,
    product_id: product.id,
    variants,
  }
}
