import { type MiddlewareRoute, validateAndTransformBody, validateAndTransformQuery } from "@medusajs/framework/http"
import { checkCustomerDiscordId } from "../utils/discord-id"
import { StoreListCustomerLicensesQuery } from "./validators"
import { OfflineActivationSchema } from "../licenses/validators"

/** Customer routes: Medusa already requires the publishable key and a logged-in customer on /store/customers/me*. */
export const storeLicenseMiddlewares: MiddlewareRoute[] = [
  {
    matcher: "/store/customers/me/licenses",
    methods: ["GET"],
    middlewares: [validateAndTransformQuery(StoreListCustomerLicensesQuery, { defaults: ["id"], isList: true })],
  },
  // Air-gapped activation (docs/entitlements-and-license-files.md)
  {
    matcher: "/store/customers/me/licenses/:id/offline-activation",
    methods: ["POST"],
    middlewares: [validateAndTransformBody(OfflineActivationSchema)],
  },
  // The customer's Discord ID in Account -> Profile (metadata.discord_id): 400 invalid_discord_id
  { matcher: "/store/customers/me", methods: ["POST"], middlewares: [checkCustomerDiscordId] },
  { matcher: "/store/customers", methods: ["POST"], middlewares: [checkCustomerDiscordId] },
]
