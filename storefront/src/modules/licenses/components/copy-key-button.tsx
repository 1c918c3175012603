"use client"

import { Button } from "@medusajs/ui"
import { useEffect, useState } from "react"

/** Copies the key to the clipboard, with visible (and announced) feedback. */
export default function CopyKeyButton({ licenseKey, label }: { licenseKey: string; label: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle")

  useEffect(() => {
    if (state === "idle") return
    const timer = setTimeout(() => setState("idle"), 4000)
    return () => clearTimeout(timer)
  }, [state])

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(licenseKey)
      setState("copied")
    } catch {
      setState("failed")
    }
  }

  return (
    <span className="inline-flex items-center gap-x-2">
      <Button variant="secondary" size="small" type="button" onClick={copy} aria-label={`Copy the license key for ${label}`}>
        Copy
      </Button>
      <span role="status" className="txt-compact-small text-ui-fg-subtle">
        {state === "copied" ? "Copied" : state === "failed" ? "Copy failed: select the key and copy it by hand" : ""}
      </span>
    </span>
  )
}
