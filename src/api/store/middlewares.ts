import { type MiddlewareRoute, validateAndTransformQuery } from "@medusajs/framework/http"
import { checkCustomerDiscordId } from "../utils/discord-id"
import { StoreListCustomerLicensesQuery } from "./validators"

/** Customer routes: Medusa already requires the publishable key and a logged-in customer on /store/customers/me*. */
export const storeLicenseMiddlewares: MiddlewareRoute[] = [
  {
    matcher: "/store/customers/me/licenses",
    methods: ["GET"],
    middlewares: [validateAndTransformQuery(StoreListCustomerLicensesQuery, { defaults: ["id"], isList: true })],
  },
  // The customer's Discord ID in Account -> Profile (metadata.discord_id): 400 invalid_discord_id
  { matcher: "/store/customers/me", methods: ["POST"], middlewares: [checkCustomerDiscordId] },
  { matcher: "/store/customers", methods: ["POST"], middlewares: [checkCustomerDiscordId] },
]
