"use client"

import { redeemLicenseClaim } from "@lib/data/licenses"
import { Button, Text } from "@medusajs/ui"
import { useParams, useRouter } from "next/navigation"
import { useState } from "react"
import { usePending } from "../use-pending"

/** A transfer's claim link, for the logged-in customer: "Add this license to my account". */
export default function ClaimLicense({ token }: { token: string }) {
  const router = useRouter()
  const { countryCode } = useParams() as { countryCode: string }
  const [error, setError] = useState<string | null>(null)
  const [pending, run] = usePending()
  const claim = () =>
    run(async () => {
      const result = await redeemLicenseClaim(token)
      if (!result.ok) setError(result.error)
      else router.push(`/${countryCode}/account/licenses/${result.licenseId}`)
    })
  return (
    <div className="flex flex-col items-start gap-y-3">
      <Text>Someone transferred a license to you. Add it to this account:</Text>
      <Button type="button" onClick={claim} isLoading={pending}>
        Add this license to my account
      </Button>
      {error && (
        <Text size="small" className="text-ui-fg-error" role="alert">
          {error}
        </Text>
      )}
    </div>
  )
}
