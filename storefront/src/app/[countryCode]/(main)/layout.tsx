import Nav from "@modules/layout/nav"
import type React from "react"

export default function PageLayout(props: { children: React.ReactNode }) {
  return (
    <>
      <Nav />
      <div className="content-container py-10">{props.children}</div>
    </>
  )
}
