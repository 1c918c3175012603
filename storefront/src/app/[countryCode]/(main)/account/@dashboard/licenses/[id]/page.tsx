import { retrieveLicense, retrieveLicenseTransfer } from "@lib/data/licenses"
import LicenseDetail from "@modules/licenses/components/license-detail"
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
  return <LicenseDetail license={license} transfer={transfer} />
}
