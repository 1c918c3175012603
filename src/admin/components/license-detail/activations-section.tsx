import { Badge, Button, Container, Heading, Table, Text, toast, usePrompt } from "@medusajs/ui"
import { errorMessage, useFreeActivation, useResetActivations } from "../../lib/api"
import { formatDateTime } from "../../lib/format"
import type { AdminLicenseDetail } from "../../lib/types"

/** The slots held now: identifier, kind, first/last seen, last IP; free one or all. */
export const ActivationsSection = ({ license }: { license: AdminLicenseDetail }) => {
  const prompt = usePrompt()
  const free = useFreeActivation(license.id)
  const reset = useResetActivations(license.id)
  const held = license.activations
    .filter((a) => !a.released_at)
    .sort((a, b) => new Date(a.first_seen_at).getTime() - new Date(b.first_seen_at).getTime())
  const released = license.activations.length - held.length

  const freeSlot = async (activationId: string, identifier: string) => {
    const confirmed = await prompt({
      title: "Free this slot?",
      description: `${identifier} loses its activation. If it verifies again it takes a slot again, when one is free.`,
      confirmText: "Free slot",
      cancelText: "Cancel",
    })
    if (!confirmed) {
      return
    }
    try {
      await free.mutateAsync(activationId)
      toast.success("Slot freed", { description: identifier })
    } catch (error) {
      toast.error("Could not free the slot", { description: errorMessage(error) })
    }
  }

  const resetAll = async () => {
    const confirmed = await prompt({
      title: "Free all slots?",
      description: `All ${held.length} activation(s) of this key are released. Sites that verify again take new slots.`,
      confirmText: "Reset all",
      cancelText: "Cancel",
    })
    if (!confirmed) {
      return
    }
    try {
      const result = await reset.mutateAsync()
      toast.success("All slots freed", { description: `${result.released} slot(s) released.` })
    } catch (error) {
      toast.error("Could not reset the activations", { description: errorMessage(error) })
    }
  }

  return (
    <Container className="divide-y p-0">
      <div className="flex items-center justify-between px-6 py-4">
        <div>
          <Heading level="h2">Activations</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            {held.length} held{released ? ` · ${released} freed earlier` : ""}
          </Text>
        </div>
        <Button size="small" variant="secondary" disabled={!held.length} isLoading={reset.isPending} onClick={resetAll}>
          Reset all
        </Button>
      </div>
      {held.length ? (
        <Table>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell>Identifier</Table.HeaderCell>
              <Table.HeaderCell>Kind</Table.HeaderCell>
              <Table.HeaderCell>First seen</Table.HeaderCell>
              <Table.HeaderCell>Last seen</Table.HeaderCell>
              <Table.HeaderCell>Last IP</Table.HeaderCell>
              <Table.HeaderCell />
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {held.map((activation) => (
              <Table.Row key={activation.id} data-testid="activation-row">
                <Table.Cell className="font-mono text-xs">{activation.identifier}</Table.Cell>
                <Table.Cell>
                  <Badge size="2xsmall">{activation.kind === "ip" ? "IP" : "Domain"}</Badge>
                </Table.Cell>
                <Table.Cell>{formatDateTime(activation.first_seen_at)}</Table.Cell>
                <Table.Cell>{formatDateTime(activation.last_seen_at)}</Table.Cell>
                <Table.Cell className="font-mono text-xs">{activation.last_ip ?? "-"}</Table.Cell>
                <Table.Cell className="text-right">
                  <Button
                    size="small"
                    variant="transparent"
                    disabled={free.isPending}
                    onClick={() => freeSlot(activation.id, activation.identifier)}
                  >
                    Free slot
                  </Button>
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      ) : (
        <Text size="small" className="text-ui-fg-subtle px-6 py-4">
          No site or machine holds a slot of this key.
        </Text>
      )}
    </Container>
  )
}
