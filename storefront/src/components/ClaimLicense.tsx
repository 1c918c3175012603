import { useState } from "react"
import { errorMessage, redeemLicenseClaim, type StoreLicenseClaimResponse } from "../api"
import { useLicensesSdk } from "../sdk-context"

export type ClaimLicenseProps = {
  /** The token of the claim link (`?token=...`). */
  token: string
  /** After the license moved to this account (e.g. remove the token from the URL, show Account -> Licenses). */
  onClaimed?: (result: StoreLicenseClaimResponse) => void
}

/**
 * The claim page of a license transfer (docs/transfers.md). Render it for a
 * logged-in customer at the claim URL (`/account/licenses/claim?token=...`);
 * whoever redeems the link gets the license, whatever their account's e-mail.
 */
export function ClaimLicense({ token, onClaimed }: ClaimLicenseProps) {
  const sdk = useLicensesSdk()
  const [state, setState] = useState<{ status: "idle" | "busy" | "done" } | { status: "error"; message: string }>({
    status: "idle",
  })

  async function claim() {
    setState({ status: "busy" })
    try {
      const result = await redeemLicenseClaim(sdk, token)
      setState({ status: "done" })
      onClaimed?.(result)
    } catch (error) {
      // The SDK's FetchError carries the server's message (e.g. "This claim link has expired. ...").
      setState({ status: "error", message: errorMessage(error) })
    }
  }

  return (
    <section className="lk-claim" aria-labelledby="lk-claim-title">
      <h2 id="lk-claim-title">A license was transferred to you</h2>
      {state.status === "done" ? (
        <p role="status">The license is now in your account, under Licenses.</p>
      ) : (
        <>
          <p>Add the license to the account you are logged in with.</p>
          <button type="button" className="lk-button" disabled={state.status === "busy"} onClick={claim}>
            {state.status === "busy" ? "Claiming…" : "Claim license"}
          </button>
        </>
      )}
      {state.status === "error" ? (
        <p className="lk-state--error" role="alert">
          {state.message}
        </p>
      ) : null}
    </section>
  )
}
