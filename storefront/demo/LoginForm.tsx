import { type FormEvent, useState } from "react"
import { sdk } from "./sdk"

/** E-mail and password log-in, as the Next.js starter's: sdk.auth.login("customer", "emailpass", ...). */
export function LoginForm({ onLoggedIn }: { onLoggedIn: () => void }) {
  const [email, setEmail] = useState("")
  const [password, setPassword] = useState("")
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [mode, setMode] = useState<"login" | "register">("login")

  async function submit(event: FormEvent) {
    event.preventDefault()
    setBusy(true)
    setError(null)
    try {
      if (mode === "register") {
        // Medusa's sign-up: an auth identity, then the customer, then a customer session.
        await sdk.auth.register("customer", "emailpass", { email, password })
        await sdk.store.customer.create({ email })
      }
      const result = await sdk.auth.login("customer", "emailpass", { email, password })
      if (typeof result !== "string") {
        throw new Error("This account needs another log-in step, which the demo does not support.")
      }
      onLoggedIn()
    } catch (e) {
      const status = (e as { status?: number }).status
      setError(
        status === 401 && mode === "login"
          ? "Wrong e-mail or password."
          : e instanceof Error
            ? e.message
            : "Could not log in."
      )
    } finally {
      setBusy(false)
    }
  }

  return (
    <form className="demo-login" onSubmit={submit} aria-labelledby="login-title">
      <h1 id="login-title">{mode === "login" ? "Log in to your account" : "Create an account"}</h1>
      <label htmlFor="login-email">E-mail</label>
      <input
        id="login-email"
        type="email"
        autoComplete="email"
        required
        value={email}
        onChange={(e) => setEmail(e.target.value)}
      />
      <label htmlFor="login-password">Password</label>
      <input
        id="login-password"
        type="password"
        autoComplete={mode === "login" ? "current-password" : "new-password"}
        required
        value={password}
        onChange={(e) => setPassword(e.target.value)}
      />
      {error ? (
        <p className="demo-error" role="alert">
          {error}
        </p>
      ) : null}
      <button type="submit" className="lk-button" disabled={busy}>
        {busy ? "Please wait…" : mode === "login" ? "Log in" : "Create account"}
      </button>
      <p>
        <button
          type="button"
          className="lk-button lk-button--link"
          onClick={() => {
            setMode(mode === "login" ? "register" : "login")
            setError(null)
          }}
        >
          {mode === "login" ? "New customer? Create an account" : "Already have an account? Log in"}
        </button>
      </p>
    </form>
  )
}
