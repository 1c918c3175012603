import { useState } from "react"
import { errorMessage, type LicensesSdk, listMyLicenses, type StoreLicenseListResponse } from "../api"
import { useLicensesSdk } from "../sdk-context"
import { type RequestState, useRequest } from "../use-request"
import { LicenseDetail } from "./LicenseDetail"
import { LicenseList } from "./LicenseList"
import { EmptyState, ErrorState, LoadingState } from "./States"

export type AccountLicensesProps = {
  /** A Medusa JS SDK instance; defaults to the one from <LicensesSdkProvider>. */
  sdk?: LicensesSdk
  /** Keys per page. Default 20. */
  pageSize?: number
  /** BCP 47 locale for dates. Default: the browser's. */
  locale?: string
  /** Heading text. Default "Licenses". */
  title?: string
}

/**
 * Account -> Licenses: the customer's keys, and one key's activations when
 * opened. Drop it into an account page of any React storefront.
 */
export function AccountLicenses({ sdk: sdkProp, pageSize = 20, locale, title = "Licenses" }: AccountLicensesProps) {
  const sdk = useLicensesSdk(sdkProp)
  const [offset, setOffset] = useState(0)
  const [openId, setOpenId] = useState<string | null>(null)
  const { state, reload } = useRequest(() => listMyLicenses(sdk, { limit: pageSize, offset }), [sdk, pageSize, offset])

  return (
    <div className="lk-root">
      <h2 className="lk-title">{title}</h2>
      {openId ? (
        <LicenseDetail
          sdk={sdk}
          licenseId={openId}
          locale={locale}
          onBack={() => setOpenId(null)}
          onChanged={() => void reload()}
        />
      ) : (
        <ListView
          state={state}
          reload={reload}
          offset={offset}
          pageSize={pageSize}
          setOffset={setOffset}
          onOpen={(id) => setOpenId(id)}
          locale={locale}
        />
      )}
    </div>
  )
}

type ListViewProps = {
  state: RequestState<StoreLicenseListResponse>
  reload: () => Promise<void>
  offset: number
  pageSize: number
  setOffset: (offset: number) => void
  onOpen: (id: string) => void
  locale?: string
}

function ListView({ state, reload, offset, pageSize, setOffset, onOpen, locale }: ListViewProps) {
  if (state.status === "error") {
    return <ErrorState message={errorMessage(state.error)} onRetry={() => void reload()} />
  }
  if (!state.data) {
    return <LoadingState />
  }
  const { licenses, count } = state.data
  if (count === 0) {
    return <EmptyState />
  }
  const from = offset + 1
  const to = offset + licenses.length
  return (
    <>
      <LicenseList licenses={licenses} onOpen={(l) => onOpen(l.id)} locale={locale} />
      {count > pageSize ? (
        <nav className="lk-pager" aria-label="License pages">
          <button
            type="button"
            className="lk-button lk-button--secondary"
            disabled={offset === 0}
            onClick={() => setOffset(Math.max(0, offset - pageSize))}
          >
            Previous
          </button>
          <span aria-live="polite">
            {from}–{to} of {count}
          </span>
          <button
            type="button"
            className="lk-button lk-button--secondary"
            disabled={to >= count}
            onClick={() => setOffset(offset + pageSize)}
          >
            Next
          </button>
        </nav>
      ) : null}
    </>
  )
}
