import { Drawer, Input, Label, RadioGroup, Text, Textarea, toast } from "@medusajs/ui"
import { type FormEvent, useEffect, useId, useState } from "react"
import { errorMessage } from "../../lib/api"
import { formatDateTime } from "../../lib/format"
import { DrawerFormFooter } from "../drawer-form-footer"
import { FormError } from "../form-error"
import { type AdminTransferRequest, useDecideTransfer, useTransferLicense } from "./api"

export type TransferAction =
  | { type: "approve" | "deny"; request: AdminTransferRequest }
  | { type: "direct" }

const TITLES = { approve: "Approve transfer", deny: "Deny transfer", direct: "Transfer license" }

/**
 * Approve or deny a request with a note, or transfer directly. Approval, and a
 * direct transfer to an e-mail, send the recipient a one-time claim link: the
 * license moves when a logged-in customer redeems it. A direct transfer to a
 * customer picked by id moves it at once, frees its slots and tells both.
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
  const [target, setTarget] = useState<"email" | "customer">("email")
  const [customerId, setCustomerId] = useState("")
  const [note, setNote] = useState("")
  const [formError, setFormError] = useState<string | null>(null)
  const decide = useDecideTransfer()
  const direct = useTransferLicense(licenseId)
  const ids = { email: useId(), note: useId(), customer: useId() }

  useEffect(() => {
    setEmail("")
    setTarget("email")
    setCustomerId("")
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
      if (action.type === "direct" && target === "customer") {
        if (!customerId.trim()) {
          return setFormError("Enter the id of the customer (cus_...).")
        }
        const answer = await direct.mutateAsync({ to_customer_id: customerId.trim(), note: note.trim() || null })
        toast.success("License transferred", { description: answer.transfer.to_email })
      } else if (action.type === "direct") {
        if (!/^[^\s@]+@[^\s@]+$/.test(email.trim())) {
          return setFormError("Enter the e-mail of the new owner.")
        }
        const answer = await direct.mutateAsync({ email: email.trim(), note: note.trim() || null })
        toast.success("Claim link sent", { description: claimSent(answer.claim) })
      } else {
        const answer = await decide.mutateAsync({ id: action.request.id, decision: action.type, note: note.trim() || null })
        toast.success(action.type === "approve" ? "Transfer approved: claim link sent" : "Transfer denied", {
          description: action.type === "approve" ? claimSent(answer.claim) : action.request.to_email,
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
                : "Send a one-time claim link to an e-mail, or move the license at once to an existing customer."}
            </Drawer.Description>
          </Drawer.Header>
          <Drawer.Body className="flex flex-col gap-y-6 overflow-y-auto">
            {type === "direct" ? (
              <RadioGroup value={target} onValueChange={(value) => setTarget(value as "email" | "customer")}>
                <div className="flex items-center gap-x-2">
                  <RadioGroup.Item value="email" id={`${ids.email}-radio`} />
                  <Label htmlFor={`${ids.email}-radio`} size="small">
                    To an e-mail (claim link)
                  </Label>
                </div>
                <div className="flex items-center gap-x-2">
                  <RadioGroup.Item value="customer" id={`${ids.customer}-radio`} />
                  <Label htmlFor={`${ids.customer}-radio`} size="small">
                    To an existing customer (by id)
                  </Label>
                </div>
              </RadioGroup>
            ) : null}
            {type === "direct" && target === "email" ? (
              <div className="flex flex-col gap-y-2">
                <Label htmlFor={ids.email} size="small" weight="plus">
                  New owner's e-mail
                </Label>
                <Input id={ids.email} type="email" value={email} onChange={(e) => setEmail(e.target.value)} required />
              </div>
            ) : null}
            {type === "direct" && target === "customer" ? (
              <div className="flex flex-col gap-y-2">
                <Label htmlFor={ids.customer} size="small" weight="plus">
                  Customer id
                </Label>
                <Input
                  id={ids.customer}
                  placeholder="cus_..."
                  value={customerId}
                  onChange={(e) => setCustomerId(e.target.value)}
                  required
                />
              </div>
            ) : null}
            {type === "direct" && target === "customer" ? (
              <Text size="small" className="text-ui-fg-subtle">
                The license moves to this customer now: it leaves its current owner's account, every activation slot is
                freed, and both customers are notified.
              </Text>
            ) : type !== "deny" ? (
              <Text size="small" className="text-ui-fg-subtle">
                The recipient gets a one-time claim link. Until a logged-in customer redeems it, the license stays with
                its current owner and keeps working; then it moves, every activation slot is freed, and both customers
                are notified.
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

/** "claim sent to x, expires ..." for a toast or a line. */
export function claimSent(claim: { to_email: string; expires_at: string } | null | undefined): string {
  return claim ? `Claim sent to ${claim.to_email}, expires ${formatDateTime(claim.expires_at)}` : ""
}
