import { type MiddlewareRoute, validateAndTransformBody, validateAndTransformQuery } from "@medusajs/framework/http"
import {
  StoreRenewalOfferQuery, StoreRenewLicenseByKey, StoreRenewOwnLicense, StoreUpgradeLicenseByKey, StoreUpgradeOwnLicense,
} from "./validators"

/**
 * Renewals and upgrades into a cart (docs/renewals-and-upgrades.md); /store requires the publishable key,
 * /store/customers/me* a customer.
 */
export const storeLicenseRenewalMiddlewares: MiddlewareRoute[] = [
  {
    matcher: "/store/customers/me/licenses/:id/renew",
    methods: ["POST"],
    middlewares: [validateAndTransformBody(StoreRenewOwnLicense)],
  },
  {
    matcher: "/store/customers/me/licenses/:id/renew",
    methods: ["GET"],
    middlewares: [validateAndTransformQuery(StoreRenewalOfferQuery, {})],
  },
  {
    matcher: "/store/license-renewals",
    methods: ["POST"],
    middlewares: [validateAndTransformBody(StoreRenewLicenseByKey)],
  },
  {
    matcher: "/store/customers/me/licenses/:id/upgrade",
    methods: ["POST"],
    middlewares: [validateAndTransformBody(StoreUpgradeOwnLicense)],
  },
  {
    matcher: "/store/customers/me/licenses/:id/upgrade",
    methods: ["GET"],
    middlewares: [validateAndTransformQuery(StoreRenewalOfferQuery, {})],
  },
  {
    matcher: "/store/license-upgrades",
    methods: ["POST"],
    middlewares: [validateAndTransformBody(StoreUpgradeLicenseByKey)],
  },
]
