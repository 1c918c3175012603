import { Button, Copy, Prompt, Text } from "@medusajs/ui"

/** Shows a new signing secret once: it cannot be read again, only rotated. */
export const SecretModal = ({ secret, onClose }: { secret: string | null; onClose: () => void }) => (
  <Prompt open={!!secret} onOpenChange={(open) => (!open ? onClose() : undefined)}>
    <Prompt.Content>
      <Prompt.Header>
        <Prompt.Title>Signing secret</Prompt.Title>
        <Prompt.Description>
          Copy it now and store it with your receiver: it is shown only this once. Your receiver uses it to check the
          X-License-Signature header of every delivery.
        </Prompt.Description>
      </Prompt.Header>
      <div className="flex items-center gap-x-2 px-6 pb-4">
        <Text className="bg-ui-bg-subtle break-all rounded-md px-3 py-2 font-mono text-xs" data-testid="webhook-secret">
          {secret}
        </Text>
        {secret ? <Copy content={secret} aria-label="Copy the signing secret" /> : null}
      </div>
      <Prompt.Footer>
        <Button size="small" onClick={onClose}>
          I have stored it
        </Button>
      </Prompt.Footer>
    </Prompt.Content>
  </Prompt>
)
