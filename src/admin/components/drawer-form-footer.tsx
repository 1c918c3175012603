import { Button, Drawer } from "@medusajs/ui"
import type { ReactNode } from "react"

/** Cancel and submit for a drawer that wraps a form. */
export const DrawerFormFooter = ({
  submitLabel,
  isLoading,
  variant = "primary",
}: {
  submitLabel: ReactNode
  isLoading: boolean
  variant?: "primary" | "danger"
}) => (
  <Drawer.Footer>
    <Drawer.Close asChild>
      <Button type="button" size="small" variant="secondary">
        Cancel
      </Button>
    </Drawer.Close>
    <Button type="submit" size="small" variant={variant} isLoading={isLoading}>
      {submitLabel}
    </Button>
  </Drawer.Footer>
)
