import { Button, Copy, Prompt, Text } from "@medusajs/ui"
import type { ReactNode } from "react"

/**
 * Shows a new secret (a webhook signing secret, a product API key) once: it
 * cannot be read again, only rotated.
 */
export const SecretModal = ({
  secret,
  onClose,
  title,
  description,
  copyLabel,
  testId,
  confirmText = "I have stored it",
}: {
  secret: string | null
  onClose: () => void
  title: string
  description: ReactNode
  copyLabel: string
  testId: string
  confirmText?: string
}) => (
  <Prompt open={!!secret} onOpenChange={(open) => (!open ? onClose() : undefined)}>
    <Prompt.Content>
      <Prompt.Header>
        <Prompt.Title>{title}</Prompt.Title>
        <Prompt.Description>{description}</Prompt.Description>
      </Prompt.Header>
      <div className="flex items-center gap-x-2 px-6 pb-4">
        <Text className="bg-ui-bg-subtle break-all rounded-md px-3 py-2 font-mono text-xs" data-testid={testId}>
          {secret}
        </Text>
        {secret ? <Copy content={secret} aria-label={copyLabel} /> : null}
      </div>
      <Prompt.Footer>
        <Button size="small" onClick={onClose}>
          {confirmText}
        </Button>
      </Prompt.Footer>
    </Prompt.Content>
  </Prompt>
)
