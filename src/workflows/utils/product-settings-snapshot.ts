import type LicenseModuleService from "../../modules/license/service"

type StoredSettings = Awaited<ReturnType<LicenseModuleService["listLicenseProductSettings"]>>[number]

/** A product's stored controls row as it was before a step changed it; null = the product had none (defaults). */
export type ProductSettingsSnapshot = { product_id: string; row: StoredSettings | null }

/** Reads the product's controls row (API key hash included) so that a compensation can put it back. */
export async function snapshotProductSettings(
  licenseModule: LicenseModuleService,
  productId: string
): Promise<ProductSettingsSnapshot> {
  const [row] = await licenseModule.listLicenseProductSettings({ product_id: productId }, { take: 1 })
  return { product_id: productId, row: row ?? null }
}

/**
 * Puts the row back as it was: every control, the API key (hash, prefix,
 * date) and the archive date; a product that had no row gets none again (its
 * defaults).
 */
export async function restoreProductSettings(
  licenseModule: LicenseModuleService,
  snapshot: ProductSettingsSnapshot
): Promise<void> {
  if (!snapshot.row) {
    const created = await licenseModule.listLicenseProductSettings({ product_id: snapshot.product_id }, { select: ["id"] })
    if (created.length) {
      await licenseModule.deleteLicenseProductSettings(created.map((row) => row.id))
    }
    return
  }
  const { created_at: _created, updated_at: _updated, deleted_at: _deleted, ...row } = snapshot.row
  await licenseModule.updateLicenseProductSettings(row)
}
