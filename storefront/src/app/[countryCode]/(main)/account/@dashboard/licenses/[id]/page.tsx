import { retrieveLicense, retrieveLicenseTransfer } from "@lib/data/licenses"
import LicenseDetail from "@modules/licenses/components/license-detail"
import { listLicenseReleases } from "@lib/data/license-releases"
import LicenseReleases from "@modules/licenses/components/license-releases"
import type { Metadata } from "next"
import { notFound } from "next/navigation"

type Props = { params: Promise<{ id: string }> }

export async function generateMetadata(props: Props): Promise<Metadata> {
  const license = await retrieveLicense((await props.params).id).catch(() => null)
  return { title: license ? `${license.product_title ?? "License"}: license` : "License" }
}

export default async function LicenseDetailPage(props: Props) {
  const { id } = await props.params
  const license = await retrieveLicense(id)
  if (!license) notFound()
  const transfer = await retrieveLicenseTransfer(id)
  // The server decides (active, grace, expired maintain_access up to its expiry): docs/storefront.md#downloads.
  const { releases, locked } =
    license.status === "revoked" || license.status === "suspended" ? { releases: [], locked: [] } : await listLicenseReleases(id)
  return (
    <div className="flex flex-col gap-y-6">
      <LicenseDetail license={license} transfer={transfer} />
      <LicenseReleases releases={releases} locked={locked} />
    </div>
  )
}
