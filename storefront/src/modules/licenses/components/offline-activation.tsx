"use client"

import { activateOffline } from "@lib/data/licenses"
import { Button, Text } from "@medusajs/ui"
import { useRef, useState } from "react"
import { usePending } from "../use-pending"

/**
 * Account -> Licenses -> "Offline activation": the customer uploads the activation request file
 * an air-gapped machine wrote and downloads its license file (same slot rules as online).
 */
export default function OfflineActivation({ licenseId, keyHint, disabled }: { licenseId: string; keyHint: string; disabled?: boolean }) {
  const input = useRef<HTMLInputElement>(null)
  const [encrypt, setEncrypt] = useState(true)
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null)
  const [pending, run] = usePending()

  const upload = (file: File | undefined) =>
    run(async () => {
      if (!file) return
      const result = await activateOffline(licenseId, await file.text(), encrypt)
      if (input.current) input.current.value = ""
      if (!result.ok) {
        setMessage({ error: true, text: result.error })
        return
      }
      const url = URL.createObjectURL(new Blob([result.file], { type: "application/octet-stream" }))
      const a = document.createElement("a")
      a.href = url
      a.download = `license-${keyHint}.lic`
      a.click()
      URL.revokeObjectURL(url)
      setMessage({ error: false, text: "License file downloaded. Copy it to the machine." })
    })

  return (
    <div className="flex flex-col gap-y-2" data-testid="offline-activation">
      <Text size="small" className="text-ui-fg-subtle">
        For a computer without internet access: upload the activation request file its app wrote, then copy the
        license file you get back to that computer.
      </Text>
      <label className="flex items-center gap-x-2 txt-small">
        <input type="checkbox" checked={encrypt} onChange={(e) => setEncrypt(e.target.checked)} />
        Encrypt the file to my license key
      </label>
      <input
        ref={input}
        type="file"
        accept=".json,application/json"
        className="hidden"
        aria-label="Activation request file"
        onChange={(e) => upload(e.target.files?.[0])}
      />
      <div>
        <Button size="small" variant="secondary" type="button" disabled={disabled} isLoading={pending} onClick={() => input.current?.click()}>
          Offline activation
        </Button>
      </div>
      {message && (
        <Text size="small" className={message.error ? "text-ui-fg-error" : "text-ui-fg-subtle"} role={message.error ? "alert" : "status"}>
          {message.text}
        </Text>
      )}
    </div>
  )
}
