"use client"

import { signout } from "@lib/data/customer"
import { clx } from "@medusajs/ui"
import LocalizedClientLink from "@modules/common/components/localized-client-link"
import { useParams, usePathname } from "next/navigation"

// The account menu, shaped like the starter's account-nav: the "Licenses" entry
// is the one line docs/storefront.md asks a store to add to theirs.
const LINKS = [
  { href: "/account", label: "Overview", testId: "overview-link" },
  { href: "/account/profile", label: "Profile", testId: "profile-link" },
  { href: "/account/licenses", label: "Licenses", testId: "licenses-link" },
]

export default function AccountNav({ firstName }: { firstName: string | null }) {
  const route = usePathname()
  const { countryCode } = useParams() as { countryCode: string }
  return (
    <nav aria-label="Account" data-testid="account-nav">
      <div className="pb-4">
        <h3 className="txt-compact-medium-plus">{firstName ? `Hello ${firstName}` : "Account"}</h3>
      </div>
      <ul className="flex flex-col items-start gap-y-4 txt-compact-medium">
        {LINKS.map((link) => {
          const active = route === `/${countryCode}${link.href}` || (link.href !== "/account" && route.startsWith(`/${countryCode}${link.href}/`))
          return (
            <li key={link.href}>
              <LocalizedClientLink
                href={link.href}
                className={clx("text-ui-fg-subtle hover:text-ui-fg-base", { "text-ui-fg-base font-semibold": active })}
                data-testid={link.testId}
              >
                {link.label}
              </LocalizedClientLink>
            </li>
          )
        })}
        <li>
          <button type="button" className="text-ui-fg-subtle hover:text-ui-fg-base" onClick={() => signout(countryCode)} data-testid="logout-button">
            Log out
          </button>
        </li>
      </ul>
    </nav>
  )
}
