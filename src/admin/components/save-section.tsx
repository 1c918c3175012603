import { Button, Container, Heading, Text, toast } from "@medusajs/ui"
import { type ReactNode, useState } from "react"
import { errorMessage } from "../lib/api"
import { FormError } from "./form-error"

/**
 * Saves a section's body with a toast either way; the server's refusal also
 * stays in the section (`error`) until the next attempt.
 */
export function useSaveWithFeedback<B>(
  mutateAsync: (body: B) => Promise<unknown>,
  messages: { saved: string; failed: string }
) {
  const [error, setError] = useState<string | null>(null)
  const save = async (body: B) => {
    setError(null)
    try {
      await mutateAsync(body)
      toast.success(messages.saved)
    } catch (cause) {
      setError(errorMessage(cause))
      toast.error(messages.failed, { description: errorMessage(cause) })
    }
  }
  return { save, error }
}

/** A settings card: heading, what it governs, a Save button and the last refusal above the fields. */
export const SaveSection = ({
  testId,
  title,
  description,
  canSave,
  isSaving,
  onSave,
  error,
  children,
}: {
  testId: string
  title: string
  description: string
  canSave: boolean
  isSaving: boolean
  onSave: () => void
  error?: string | null
  children: ReactNode
}) => (
  <Container className="divide-y p-0" data-testid={testId}>
    <div className="flex items-center justify-between gap-x-4 px-6 py-4">
      <div>
        <Heading level="h2">{title}</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          {description}
        </Text>
      </div>
      <Button size="small" onClick={onSave} disabled={!canSave || isSaving} isLoading={isSaving}>
        Save
      </Button>
    </div>
    <FormError message={error} className="px-6 py-3" />
    {children}
  </Container>
)
