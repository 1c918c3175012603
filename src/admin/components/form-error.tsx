import { Text, clx } from "@medusajs/ui"

/** Why a form could not be saved, read out to screen readers; nothing when there is no error. */
export const FormError = ({
  message,
  className,
  size = "small",
}: {
  message: string | null | undefined
  className?: string
  /** xsmall under a compact field (the product's Licensing widget), small elsewhere. */
  size?: "small" | "xsmall"
}) =>
  message ? (
    <Text size={size} className={clx("text-ui-fg-error", className)} role="alert">
      {message}
    </Text>
  ) : null
