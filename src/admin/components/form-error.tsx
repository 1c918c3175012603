import { Text, clx } from "@medusajs/ui"

/** Why a form could not be saved, read out to screen readers; nothing when there is no error. */
export const FormError = ({ message, className }: { message: string | null | undefined; className?: string }) =>
  message ? (
    <Text size="small" className={clx("text-ui-fg-error", className)} role="alert">
      {message}
    </Text>
  ) : null
