"use client"

import { getUpgradeOffers, upgradeLicense } from "@lib/data/upgrades"
import { Button, Text } from "@medusajs/ui"
import { formatAmount } from "@modules/products/price"
import { useParams } from "next/navigation"
import { useEffect, useState } from "react"
import type { StoreUpgradeOffers } from "../types"
import { usePending } from "../use-pending"

/**
 * "Upgrade to 5 sites for $50.00": one button per variant on the policy's upgrade path, with the prorated price in
 * the shopper's region; none when the key cannot be upgraded (no path, expired, suspended). It adds the upgrade line
 * to the cart and opens the cart, as the Renew button does.
 */
export default function UpgradeButton({ licenseId, label }: { licenseId: string; label: string }) {
  const { countryCode } = useParams<{ countryCode: string }>()
  const [offers, setOffers] = useState<StoreUpgradeOffers | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [pending, run] = usePending()

  useEffect(() => {
    let live = true
    getUpgradeOffers(licenseId, countryCode)
      .then((o) => live && setOffers(o))
      .catch(() => live && setOffers(null))
    return () => {
      live = false
    }
  }, [licenseId, countryCode])

  if (!offers?.upgrades.length) return null
  const upgrade = (variantId: string) =>
    run(async () => {
      const result = await upgradeLicense(licenseId, variantId, countryCode)
      if (result && !result.ok) setError(result.error)
    })
  return (
    <div className="flex flex-col items-start gap-1" data-testid="upgrade-license">
      <div className="flex flex-wrap gap-2">
        {offers.upgrades.map((offer) => {
          const price = formatAmount(offer.unit_price, offer.currency_code)
          const target = offer.variant_title ?? "the next tier"
          return (
            <Button
              key={offer.variant_id}
              size="small"
              variant="secondary"
              type="button"
              onClick={() => upgrade(offer.variant_id)}
              isLoading={pending}
              aria-label={`Upgrade ${label} to ${target} for ${price}`}
            >
              Upgrade to {target} for {price}
            </Button>
          )
        })}
      </div>
      <Text size="xsmall" className="text-ui-fg-subtle">
        Same key and expiry; the price is the difference for the time left.
      </Text>
      {error && (
        <Text size="xsmall" className="text-ui-fg-error" role="alert">
          {error}
        </Text>
      )}
    </div>
  )
}
