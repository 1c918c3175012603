import { Text } from "@medusajs/ui"
/** The validation message of one form field (react-hook-form + the server's zod schema), under it. */
export const FieldError = ({ error, id }: { error: { message?: string } | undefined; id?: string }) =>
  error?.message ? (
    <Text id={id} size="small" className="text-ui-fg-error" role="alert" data-testid="field-error">
      {error.message}
    </Text>
  ) : null
