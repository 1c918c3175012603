import { Badge, Button, Container, Heading, Input, Switch, Label, Text, toast } from "@medusajs/ui"
import { useRef, useState } from "react"
import { errorMessage, useChangeEntitlements, useOfflineActivation } from "../../lib/api"
import type { AdminLicense } from "../../lib/types"

/** Saves text as a file in the browser. */
function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: "application/octet-stream" }))
  const a = document.createElement("a")
  a.href = url
  a.download = name
  a.click()
  URL.revokeObjectURL(url)
}

/**
 * The key's entitlements (add, remove) and the air-gapped "Offline activation": the admin uploads
 * a machine's activation request file and downloads its license file (docs/entitlements-and-license-files.md).
 */
export const EntitlementsSection = ({ license }: { license: AdminLicense }) => {
  const [code, setCode] = useState("")
  const [encrypt, setEncrypt] = useState(false)
  const fileInput = useRef<HTMLInputElement>(null)
  const change = useChangeEntitlements(license.id)
  const offline = useOfflineActivation(license.id)
  const codes = license.entitlements ?? []

  const apply = async (body: { add?: string[]; remove?: string[] }) => {
    try {
      await change.mutateAsync(body)
      setCode("")
      toast.success("Entitlements saved")
    } catch (error) {
      toast.error("Could not save the entitlements", { description: errorMessage(error) })
    }
  }

  const activate = async (file: File | undefined) => {
    if (!file) {
      return
    }
    try {
      const answer = await offline.mutateAsync({ activation_request: await file.text(), encrypt })
      if (!answer.valid || !answer.license_file) {
        toast.error("No license file", { description: answer.message })
        return
      }
      const text = typeof answer.license_file === "string" ? answer.license_file : JSON.stringify(answer.license_file)
      download(`license-${license.key_hint}.lic`, text)
      toast.success("License file downloaded")
    } catch (error) {
      toast.error("Could not activate offline", { description: errorMessage(error) })
    } finally {
      if (fileInput.current) {
        fileInput.current.value = ""
      }
    }
  }

  return (
    <Container className="divide-y p-0">
      <div className="px-6 py-4">
        <Heading level="h2">Entitlements</Heading>
      </div>
      <div className="flex flex-col gap-y-3 px-6 py-4">
        <div className="flex flex-wrap gap-2" data-testid="license-entitlements">
          {codes.length ? (
            codes.map((c) => (
              <Badge key={c} size="2xsmall">
                {c}
                <button type="button" aria-label={`Remove ${c}`} className="ml-1" onClick={() => apply({ remove: [c] })}>
                  ×
                </button>
              </Badge>
            ))
          ) : (
            <Text size="small" className="text-ui-fg-subtle">
              No entitlements.
            </Text>
          )}
        </div>
        <div className="flex gap-x-2">
          <Input size="small" placeholder="pro-export" value={code} onChange={(e) => setCode(e.target.value)} aria-label="Entitlement code" />
          <Button size="small" variant="secondary" disabled={!code.trim()} isLoading={change.isPending} onClick={() => apply({ add: [code.trim()] })}>
            Add
          </Button>
        </div>
      </div>
      <div className="flex flex-col gap-y-3 px-6 py-4">
        <Text size="small" weight="plus">
          Offline activation
        </Text>
        <Text size="small" className="text-ui-fg-subtle">
          Upload an air-gapped machine's activation request file to download its license file.
        </Text>
        <div className="flex items-center gap-x-2">
          <Switch id="offline-encrypt" checked={encrypt} onCheckedChange={setEncrypt} />
          <Label htmlFor="offline-encrypt" size="small">
            Encrypt to the key
          </Label>
        </div>
        <input
          ref={fileInput}
          type="file"
          accept=".json,application/json"
          className="hidden"
          aria-label="Activation request file"
          onChange={(e) => activate(e.target.files?.[0])}
        />
        <Button size="small" variant="secondary" isLoading={offline.isPending} disabled={license.status === "revoked"} onClick={() => fileInput.current?.click()}>
          Offline activation
        </Button>
      </div>
    </Container>
  )
}
