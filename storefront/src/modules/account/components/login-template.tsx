"use client"

import { login, signup } from "@lib/data/customer"
import { Button, Heading, Input, Label, Text } from "@medusajs/ui"
import { useActionState, useState } from "react"

function Field({ name, label, type = "text", autoComplete }: { name: string; label: string; type?: string; autoComplete?: string }) {
  return (
    <div className="flex flex-col gap-y-1">
      <Label htmlFor={`account-${name}`}>{label}</Label>
      <Input id={`account-${name}`} name={name} type={type} required={name !== "first_name" && name !== "last_name"} autoComplete={autoComplete} />
    </div>
  )
}

/** Log in, or create an account (the starter's @login slot). */
export default function LoginTemplate() {
  const [view, setView] = useState<"login" | "register">("login")
  const [loginError, loginAction, loggingIn] = useActionState(login, null)
  const [signupError, signupAction, signingUp] = useActionState(signup, null)

  if (view === "register") {
    return (
      <div className="flex max-w-sm flex-col gap-y-4" data-testid="register-page">
        <Heading level="h1" className="txt-xlarge-plus">
          Create an account
        </Heading>
        <form action={signupAction} className="flex flex-col gap-y-3">
          <Field name="first_name" label="First name" autoComplete="given-name" />
          <Field name="last_name" label="Last name" autoComplete="family-name" />
          <Field name="email" label="E-mail" type="email" autoComplete="email" />
          <Field name="password" label="Password" type="password" autoComplete="new-password" />
          <Button type="submit" isLoading={signingUp}>
            Create account
          </Button>
          {signupError && <Text className="text-ui-fg-error" role="alert">{signupError}</Text>}
        </form>
        <Text size="small">
          Already have an account?{" "}
          <button type="button" className="underline" onClick={() => setView("login")}>
            Log in
          </button>
        </Text>
      </div>
    )
  }
  return (
    <div className="flex max-w-sm flex-col gap-y-4" data-testid="login-page">
      <Heading level="h1" className="txt-xlarge-plus">
        Log in
      </Heading>
      <form action={loginAction} className="flex flex-col gap-y-3">
        <Field name="email" label="E-mail" type="email" autoComplete="email" />
        <Field name="password" label="Password" type="password" autoComplete="current-password" />
        <Button type="submit" isLoading={loggingIn}>
          Log in
        </Button>
        {loginError && <Text className="text-ui-fg-error" role="alert">{loginError}</Text>}
      </form>
      <Text size="small">
        New here?{" "}
        <button type="button" className="underline" onClick={() => setView("register")}>
          Create an account
        </button>
      </Text>
    </div>
  )
}
