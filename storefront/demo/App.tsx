import { useCallback, useEffect, useState } from "react"
import { AccountLicenses, ClaimLicense, claimTokenFromUrl, LicensesSdkProvider } from "../src"
import { LoadingState } from "../src/components/States"
import { DemoShop } from "./DemoShop"
import { LoginForm } from "./LoginForm"
import { sdk } from "./sdk"

type Session = { status: "checking" } | { status: "anonymous" } | { status: "customer"; email: string }

/** A minimal store account: log in, then Account -> Licenses. */
export function App() {
  const [session, setSession] = useState<Session>({ status: "checking" })
  // Keys are issued a moment after an order is placed: remount the list then.
  const [listVersion, setListVersion] = useState(0)
  // A transfer's claim link: /account/licenses/claim?token=... (shown once logged in).
  const [claimToken, setClaimToken] = useState(() =>
    window.location.pathname.endsWith("/account/licenses/claim") ? claimTokenFromUrl(window.location.href) : null
  )
  const afterClaim = () => {
    window.history.replaceState(null, "", "/")
    setClaimToken(null)
    setListVersion((v) => v + 1)
  }
  const afterOrder = () => {
    for (const delay of [1500, 4000]) {
      setTimeout(() => setListVersion((v) => v + 1), delay)
    }
  }

  const refresh = useCallback(async () => {
    try {
      const { customer } = await sdk.store.customer.retrieve()
      setSession({ status: "customer", email: customer.email })
    } catch {
      setSession({ status: "anonymous" })
    }
  }, [])

  useEffect(() => {
    void refresh()
  }, [refresh])

  async function logout() {
    await sdk.auth.logout().catch(() => undefined)
    setSession({ status: "anonymous" })
  }

  return (
    <>
      <header className="demo-header">
        <strong>Demo store</strong>
        {session.status === "customer" ? (
          <span>
            {session.email}{" "}
            <button type="button" className="lk-button lk-button--secondary" onClick={logout}>
              Log out
            </button>
          </span>
        ) : null}
      </header>
      {session.status === "checking" ? (
        <main className="demo-main">
          <LoadingState label="Loading…" />
        </main>
      ) : session.status === "anonymous" ? (
        <main>
          <LoginForm onLoggedIn={refresh} />
        </main>
      ) : (
        <div className="demo-main">
          <nav className="demo-nav" aria-label="Account">
            <ul>
              <li>
                <a href="#overview">Overview</a>
              </li>
              <li>
                <a href="#orders">Orders</a>
              </li>
              <li>
                <a href="#licenses" aria-current="page">
                  Licenses
                </a>
              </li>
            </ul>
          </nav>
          <main>
            <LicensesSdkProvider sdk={sdk}>
              {claimToken ? <ClaimLicense token={claimToken} onClaimed={afterClaim} /> : null}
              <AccountLicenses key={listVersion} />
            </LicensesSdkProvider>
            <DemoShop email={session.email} onOrdered={afterOrder} />
          </main>
        </div>
      )}
    </>
  )
}
