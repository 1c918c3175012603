import { Button, Container, Heading, Text, toast, usePrompt } from "@medusajs/ui"
import { useState } from "react"
import { errorMessage, useRevokeLicense, useSetLicenseSuspended } from "../../lib/api"
import type { AdminLicense } from "../../lib/types"
import { EditLicenseDrawer } from "../edit-license-drawer"
import { RevokePrompt } from "../revoke-prompt"

/** Edit, Suspend / Reinstate and Revoke, with the notes. */
export const ActionsSection = ({ license }: { license: AdminLicense }) => {
  const prompt = usePrompt()
  const [editOpen, setEditOpen] = useState(false)
  const [revokeOpen, setRevokeOpen] = useState(false)
  const revoke = useRevokeLicense(license.id)
  const setSuspended = useSetLicenseSuspended(license.id)
  const revoked = license.status === "revoked"
  const suspended = license.status === "suspended"

  const toggleSuspended = async () => {
    const suspend = !suspended
    const confirmed = await prompt({
      title: suspend ? "Suspend this license?" : "Reinstate this license?",
      description: suspend
        ? "The key answers `suspended` until you reinstate it. Its activations are kept."
        : "The key verifies again (unless it has expired).",
      confirmText: suspend ? "Suspend" : "Reinstate",
      cancelText: "Cancel",
      variant: suspend ? "danger" : "confirmation",
    })
    if (!confirmed) {
      return
    }
    try {
      await setSuspended.mutateAsync(suspend)
      toast.success(suspend ? "License suspended" : "License reinstated")
    } catch (error) {
      toast.error(suspend ? "Could not suspend the license" : "Could not reinstate the license", {
        description: errorMessage(error),
      })
    }
  }

  const confirmRevoke = async (reason: string) => {
    try {
      await revoke.mutateAsync(reason)
      toast.success("License revoked", { description: license.key })
    } catch (error) {
      toast.error("Could not revoke the license", { description: errorMessage(error) })
      throw error
    }
  }

  return (
    <Container className="divide-y p-0">
      <div className="px-6 py-4">
        <Heading level="h2">Actions</Heading>
      </div>
      <div className="flex flex-col gap-y-3 px-6 py-4">
        <Button size="small" variant="secondary" onClick={() => setEditOpen(true)}>
          Edit expiry, activations, notes
        </Button>
        {revoked ? (
          <Text size="small" className="text-ui-fg-subtle">
            Revoked licenses stay revoked.
          </Text>
        ) : (
          <>
            <Button size="small" variant="secondary" isLoading={setSuspended.isPending} onClick={toggleSuspended}>
              {suspended ? "Reinstate" : "Suspend"}
            </Button>
            <Button size="small" variant="danger" onClick={() => setRevokeOpen(true)}>
              Revoke
            </Button>
          </>
        )}
      </div>
      <div className="flex flex-col gap-y-1 px-6 py-4">
        <Text size="small" weight="plus">
          Notes
        </Text>
        <Text size="small" className="text-ui-fg-subtle whitespace-pre-wrap" data-testid="license-notes">
          {license.notes || "No notes."}
        </Text>
      </div>
      <EditLicenseDrawer license={license} open={editOpen} onOpenChange={setEditOpen} />
      <RevokePrompt
        open={revokeOpen}
        onOpenChange={setRevokeOpen}
        title="Revoke this license?"
        description={`${license.key} stops verifying for good and cannot be reinstated.`}
        confirmationText={license.key_hint}
        isPending={revoke.isPending}
        onConfirm={confirmRevoke}
      />
    </Container>
  )
}
