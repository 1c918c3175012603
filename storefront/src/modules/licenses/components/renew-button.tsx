"use client"

import { getRenewalOffer, renewLicense } from "@lib/data/renewals"
import { Button, Text } from "@medusajs/ui"
import { formatAmount } from "@modules/products/price"
import { useParams } from "next/navigation"
import { useEffect, useState } from "react"
import { formatDate } from "../format"
import type { StoreRenewalOffer } from "../types"
import { usePending } from "../use-pending"

/**
 * "Renew for $39.20": shown when the license's product is renewable (also after expiry), with the price in the
 * shopper's region and the expiry the renewal gives. It adds the renewal line to the cart and opens the cart.
 */
export default function RenewButton({ licenseId, label }: { licenseId: string; label: string }) {
  const { countryCode } = useParams<{ countryCode: string }>()
  const [offer, setOffer] = useState<StoreRenewalOffer | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [pending, run] = usePending()

  useEffect(() => {
    let live = true
    getRenewalOffer(licenseId, countryCode)
      .then((o) => live && setOffer(o))
      .catch(() => live && setOffer(null))
    return () => {
      live = false
    }
  }, [licenseId, countryCode])

  if (!offer?.renewable) return null
  const price = formatAmount(offer.unit_price, offer.currency_code)
  const renew = () =>
    run(async () => {
      const result = await renewLicense(licenseId, countryCode)
      if (result && !result.ok) setError(result.error)
    })
  return (
    <div className="flex flex-col items-start gap-1" data-testid="renew-license">
      <Button size="small" type="button" onClick={renew} isLoading={pending} aria-label={`Renew ${label} for ${price}`}>
        Renew for {price}
      </Button>
      <Text size="xsmall" className="text-ui-fg-subtle">
        Valid until {formatDate(offer.new_expires_at)} after renewal
      </Text>
      {error && (
        <Text size="xsmall" className="text-ui-fg-error" role="alert">
          {error}
        </Text>
      )}
    </div>
  )
}
