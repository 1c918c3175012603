import { z } from "@medusajs/framework/zod"

/** Renew one of the customer's own licenses into a cart. */
export const StoreRenewOwnLicense = z.object({ cart_id: z.string().trim().min(1).max(100) }).strict()
export type StoreRenewOwnLicense = z.infer<typeof StoreRenewOwnLicense>

/** Renew any license by its key (a guest): the key in the body, never in the URL. */
export const StoreRenewLicenseByKey = z
  .object({ cart_id: z.string().trim().min(1).max(100), license_key: z.string().trim().min(1).max(200) })
  .strict()
export type StoreRenewLicenseByKey = z.infer<typeof StoreRenewLicenseByKey>

/** The renewal offer of a license in a region (its currency): GET .../licenses/:id/renew?region_id= */
export const StoreRenewalOfferQuery = z.object({ region_id: z.string().trim().min(1).max(100) })
export type StoreRenewalOfferQuery = z.infer<typeof StoreRenewalOfferQuery>

/** Upgrade one of the customer's own licenses to a variant on its policy's upgrade path, into a cart. */
export const StoreUpgradeOwnLicense = z
  .object({ cart_id: z.string().trim().min(1).max(100), variant_id: z.string().trim().min(1).max(100) })
  .strict()
export type StoreUpgradeOwnLicense = z.infer<typeof StoreUpgradeOwnLicense>

/** Upgrade any license by its key (a guest): the key in the body, never in the URL. */
export const StoreUpgradeLicenseByKey = z
  .object({
    cart_id: z.string().trim().min(1).max(100),
    license_key: z.string().trim().min(1).max(200),
    variant_id: z.string().trim().min(1).max(100),
  })
  .strict()
export type StoreUpgradeLicenseByKey = z.infer<typeof StoreUpgradeLicenseByKey>
