import LoginTemplate from "@modules/account/components/login-template"

// Deep links into the account (/account/licenses, a claim link) show the log-in
// form to a visitor without a session, and the page itself after log-in.
export default function LoginDefault() {
  return <LoginTemplate />
}
