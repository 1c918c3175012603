import { useEffect, useRef, useState } from "react"

type CopyState = "idle" | "copied" | "failed"

/** Copies `text` to the clipboard and says so, visibly and to screen readers (aria-live). */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const [state, setState] = useState<CopyState>("idle")
  const timer = useRef<ReturnType<typeof setTimeout>>()

  useEffect(() => () => clearTimeout(timer.current), [])

  async function copy() {
    clearTimeout(timer.current)
    try {
      await writeClipboard(text)
      setState("copied")
    } catch {
      setState("failed")
    }
    timer.current = setTimeout(() => setState("idle"), 2500)
  }

  return (
    <span className="lk-copy">
      <button type="button" className="lk-button lk-button--secondary" onClick={copy} aria-label={label}>
        Copy
      </button>
      <span className="lk-copy__feedback" role="status" aria-live="polite">
        {state === "copied" ? "✓ Copied" : state === "failed" ? "Could not copy: select the key and copy it by hand." : ""}
      </span>
    </span>
  )
}

async function writeClipboard(text: string) {
  if (navigator.clipboard?.writeText) {
    await navigator.clipboard.writeText(text)
    return
  }
  // Older browsers and insecure origins: a hidden textarea and execCommand.
  const area = document.createElement("textarea")
  area.value = text
  area.setAttribute("readonly", "")
  area.style.position = "fixed"
  area.style.opacity = "0"
  document.body.appendChild(area)
  area.select()
  const ok = document.execCommand("copy")
  area.remove()
  if (!ok) {
    throw new Error("copy failed")
  }
}
