import { Button, Input, Label, Prompt, Text, Textarea } from "@medusajs/ui"
import { type FormEvent, useEffect, useId, useState } from "react"

type RevokePromptProps = {
  open: boolean
  onOpenChange: (open: boolean) => void
  title: string
  description: string
  /** When given, the admin must type this text before the button unlocks. */
  confirmationText?: string
  confirmLabel?: string
  isPending?: boolean
  /** Resolves when done; the prompt closes then. Throwing keeps it open (the caller shows the error). */
  onConfirm: (reason: string) => Promise<void>
}

/**
 * Revocation is permanent, so its prompt asks for a reason (recorded on the
 * license and in its history) and, for a single key, for the key's last group
 * typed out.
 */
export const RevokePrompt = ({
  open,
  onOpenChange,
  title,
  description,
  confirmationText,
  confirmLabel = "Revoke",
  isPending = false,
  onConfirm,
}: RevokePromptProps) => {
  const [reason, setReason] = useState("")
  const [typed, setTyped] = useState("")
  const reasonId = useId()
  const typedId = useId()

  useEffect(() => {
    if (open) {
      setReason("")
      setTyped("")
    }
  }, [open])

  const confirmed = !confirmationText || typed.trim().toUpperCase() === confirmationText.toUpperCase()
  const canSubmit = reason.trim().length > 0 && confirmed && !isPending

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (!canSubmit) {
      return
    }
    try {
      await onConfirm(reason.trim())
      onOpenChange(false)
    } catch {
      // The caller has shown the error; keep the prompt open to retry.
    }
  }

  return (
    <Prompt open={open} onOpenChange={onOpenChange} variant="danger">
      <Prompt.Content>
        <form onSubmit={submit}>
          <Prompt.Header>
            <Prompt.Title>{title}</Prompt.Title>
            <Prompt.Description>{description}</Prompt.Description>
          </Prompt.Header>
          <div className="flex flex-col gap-y-4 px-6 pb-6">
            <div className="flex flex-col gap-y-2">
              <Label htmlFor={reasonId} size="small" weight="plus">
                Reason (required)
              </Label>
              <Textarea
                id={reasonId}
                name="reason"
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                placeholder="e.g. Chargeback, abuse, issued by mistake"
                autoFocus
              />
            </div>
            {confirmationText ? (
              <div className="flex flex-col gap-y-2">
                <Label htmlFor={typedId} size="small" weight="plus">
                  Type <span className="font-mono">{confirmationText}</span> to confirm
                </Label>
                <Input
                  id={typedId}
                  name="confirmation"
                  value={typed}
                  onChange={(e) => setTyped(e.target.value)}
                  autoComplete="off"
                />
              </div>
            ) : null}
            <Text size="small" className="text-ui-fg-subtle">
              This cannot be undone: a revoked key never verifies again.
            </Text>
          </div>
          <Prompt.Footer>
            <Prompt.Cancel type="button">Cancel</Prompt.Cancel>
            <Button type="submit" variant="danger" size="small" disabled={!canSubmit} isLoading={isPending}>
              {confirmLabel}
            </Button>
          </Prompt.Footer>
        </form>
      </Prompt.Content>
    </Prompt>
  )
}
