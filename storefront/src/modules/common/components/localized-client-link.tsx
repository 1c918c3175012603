"use client"

import Link from "next/link"
import { useParams } from "next/navigation"
import type React from "react"

/** A link under the current /<countryCode>/, like the starter's component of the same name and path. */
export default function LocalizedClientLink({
  children,
  href,
  ...props
}: { children?: React.ReactNode; href: string; className?: string; "data-testid"?: string; "aria-label"?: string }) {
  const { countryCode } = useParams() as { countryCode: string }
  return (
    <Link href={`/${countryCode}${href}`} {...props}>
      {children}
    </Link>
  )
}
