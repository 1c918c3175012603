import { Drawer, Input, Label, Text, Textarea, toast } from "@medusajs/ui"
import { type FormEvent, useEffect, useId, useState } from "react"
import { errorMessage } from "../../lib/api"
import { DrawerFormFooter } from "../drawer-form-footer"
import { FormError } from "../form-error"
import { type AdminTransferRequest, useDecideTransfer, useTransferLicense } from "./api"

export type TransferAction =
  | { type: "approve" | "deny"; request: AdminTransferRequest }
  | { type: "direct" }

const TITLES = { approve: "Approve transfer", deny: "Deny transfer", direct: "Transfer license" }

/**
 * Approve or deny a request with a note, or transfer directly to an e-mail.
 * Approval moves the license, frees all its slots and tells both customers.
 */
export const DecideTransferDrawer = ({
  licenseId,
  action,
  onClose,
}: {
  licenseId: string
  action: TransferAction | null
  onClose: () => void
}) => {
  const [email, setEmail] = useState("")
  const [note, setNote] = useState("")
  const [formError, setFormError] = useState<string | null>(null)
  const decide = useDecideTransfer()
  const direct = useTransferLicense(licenseId)
  const ids = { email: useId(), note: useId() }

  useEffect(() => {
    setEmail("")
    setNote("")
    setFormError(null)
  }, [action])

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (!action) {
      return
    }
    setFormError(null)
    try {
      if (action.type === "direct") {
        if (!/^[^\s@]+@[^\s@]+$/.test(email.trim())) {
          return setFormError("Enter the e-mail of the new owner.")
        }
        await direct.mutateAsync({ email: email.trim(), note: note.trim() || null })
        toast.success("License transferred", { description: email.trim() })
      } else {
        await decide.mutateAsync({ id: action.request.id, decision: action.type, note: note.trim() || null })
        toast.success(action.type === "approve" ? "Transfer approved" : "Transfer denied", {
          description: action.request.to_email,
        })
      }
      onClose()
    } catch (error) {
      setFormError(errorMessage(error))
    }
  }

  const type = action?.type ?? "direct"
  return (
    <Drawer open={!!action} onOpenChange={(open) => (!open ? onClose() : undefined)}>
      <Drawer.Content>
        <form onSubmit={submit} className="flex flex-1 flex-col overflow-hidden">
          <Drawer.Header>
            <Drawer.Title>{TITLES[type]}</Drawer.Title>
            <Drawer.Description>
              {action && action.type !== "direct"
                ? `${action.request.from_email ?? "The owner"} asks to move this license to ${action.request.to_email}.`
                : "Move this license to the customer with this e-mail (a guest customer is created if there is none)."}
            </Drawer.Description>
          </Drawer.Header>
          <Drawer.Body className="flex flex-col gap-y-6 overflow-y-auto">
            {type === "direct" ? (
              <div className="flex flex-col gap-y-2">
                <Label htmlFor={ids.email} size="small" weight="plus">
                  New owner's e-mail
                </Label>
                <Input id={ids.email} type="email" value={email} onChange={(e) => setEmail(e.target.value)} required />
              </div>
            ) : null}
            {type !== "deny" ? (
              <Text size="small" className="text-ui-fg-subtle">
                The license leaves its current owner's account, every activation slot is freed, and both customers are
                notified.
              </Text>
            ) : (
              <Text size="small" className="text-ui-fg-subtle">
                Nothing changes on the license; the owner sees the request denied, with your note.
              </Text>
            )}
            <div className="flex flex-col gap-y-2">
              <Label htmlFor={ids.note} size="small" weight="plus">
                Note (optional)
              </Label>
              <Textarea id={ids.note} value={note} onChange={(e) => setNote(e.target.value)} rows={3} />
            </div>
            <FormError message={formError} />
          </Drawer.Body>
          <DrawerFormFooter
            submitLabel={type === "approve" ? "Approve" : type === "deny" ? "Deny" : "Transfer"}
            variant={type === "deny" ? "danger" : "primary"}
            isLoading={decide.isPending || direct.isPending}
          />
        </form>
      </Drawer.Content>
    </Drawer>
  )
}
