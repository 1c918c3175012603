import { createContext, type ReactNode, useContext } from "react"
import type { LicensesSdk } from "./api"

const SdkContext = createContext<LicensesSdk | null>(null)

/** Provides the Medusa JS SDK instance to the license components below it. */
export function LicensesSdkProvider({ sdk, children }: { sdk: LicensesSdk; children: ReactNode }) {
  return <SdkContext.Provider value={sdk}>{children}</SdkContext.Provider>
}

/** The SDK passed as a prop, else the one from LicensesSdkProvider. */
export function useLicensesSdk(sdk?: LicensesSdk): LicensesSdk {
  const fromContext = useContext(SdkContext)
  const resolved = sdk ?? fromContext
  if (!resolved) {
    throw new Error("License components need an SDK: pass `sdk` or wrap them in <LicensesSdkProvider sdk={sdk}>.")
  }
  return resolved
}
