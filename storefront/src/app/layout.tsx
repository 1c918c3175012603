import type { Metadata } from "next"
import type React from "react"
import "../styles/globals.css"

export const metadata: Metadata = { title: { default: "License keys demo store", template: "%s | License keys demo store" } }

export default function RootLayout(props: { children: React.ReactNode }) {
  return (
    <html lang="en" data-mode="light">
      <body className="bg-ui-bg-base text-ui-fg-base">
        <main className="relative">{props.children}</main>
      </body>
    </html>
  )
}
