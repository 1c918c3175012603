import LoginTemplate from "@modules/account/components/login-template"

export const metadata = { title: "Log in" }

export default function Login() {
  return <LoginTemplate />
}
