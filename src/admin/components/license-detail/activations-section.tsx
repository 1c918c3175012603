import { Badge, Button, Container, Heading, Table, Text, toast, usePrompt } from "@medusajs/ui"
import { ACTIVATION_KIND_LABEL, activationTitle, shortFingerprint } from "../../lib/activations"
import { errorMessage, isDeactivationLimitError, useFreeActivation, useResetActivations } from "../../lib/api"
import { formatDateTime } from "../../lib/format"
import type { AdminLicenseDetail, DeactivationBudget } from "../../lib/types"
import { Pager } from "./pager"
import { machineHeartbeat } from "./heartbeat"

/** Under a machine's last-seen time on a key with heartbeats: its last heartbeat, or that it missed them. */
const HeartbeatNote = ({ license, activation }: { license: AdminLicenseDetail; activation: AdminLicenseDetail["activations"][number] }) => {
  const beat = machineHeartbeat(license.heartbeat_interval_seconds, activation)
  return beat ? (
    <Text size="xsmall" className={beat.missed ? "text-ui-fg-error" : "text-ui-fg-subtle"} data-testid="machine-heartbeat">
      {beat.label}
    </Text>
  ) : null
}

const budgetText = (budget: DeactivationBudget | null) => {
  if (!budget || budget.limit === null) {
    return "Deactivations: unlimited"
  }
  return `Deactivations left: ${budget.remaining} of ${budget.limit} per ${budget.window_days} days`
}

const releasedByLabel: Record<string, string> = {
  installed_product: "by the product",
  customer: "by the customer",
  admin: "by an admin",
  admin_override: "by an admin (override, not counted)",
  reset: "by a reset (not counted)",
  transfer: "by a transfer (not counted)",
  heartbeat: "after missed heartbeats (not counted)",
}

/**
 * One page of the license's activations: the slots held now first (free one or
 * all), then the released ones, newest first; the deactivation budget left.
 */
export const ActivationsSection = ({
  license,
  count,
  held,
  limit,
  offset,
  onOffsetChange,
}: {
  license: AdminLicenseDetail
  count: number
  held: number
  limit: number
  offset: number
  onOffsetChange: (offset: number) => void
}) => {
  const prompt = usePrompt()
  const free = useFreeActivation(license.id)
  const reset = useResetActivations(license.id)
  const released = count - held

  const freeSlot = async (activationId: string, identifier: string) => {
    const confirmed = await prompt({
      title: "Free this slot?",
      description: `${identifier} loses its activation. If it verifies again it takes a slot again, when one is free. This counts against the license's deactivation budget.`,
      confirmText: "Free slot",
      cancelText: "Cancel",
    })
    if (!confirmed) {
      return
    }
    try {
      await free.mutateAsync({ activationId })
      toast.success("Slot freed", { description: identifier })
    } catch (error) {
      if (!isDeactivationLimitError(error)) {
        toast.error("Could not free the slot", { description: errorMessage(error) })
        return
      }
      const override = await prompt({
        title: "Deactivation limit reached",
        description: `This license has used its deactivation budget (${budgetText(license.deactivation_budget)}). Free ${identifier} anyway? An override is not counted against the budget.`,
        confirmText: "Free anyway",
        cancelText: "Cancel",
      })
      if (!override) {
        return
      }
      try {
        await free.mutateAsync({ activationId, override: true })
        toast.success("Slot freed (override)", { description: identifier })
      } catch (again) {
        toast.error("Could not free the slot", { description: errorMessage(again) })
      }
    }
  }

  const resetAll = async () => {
    const confirmed = await prompt({
      title: "Free all slots?",
      description: `All ${held} activation(s) of this key are released. Sites that verify again take new slots. A reset is not counted against the deactivation budget.`,
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
            {held} held{released ? ` · ${released.toLocaleString()} freed earlier` : ""}
          </Text>
          <Text size="small" className="text-ui-fg-subtle" data-testid="deactivation-budget">
            {budgetText(license.deactivation_budget)}
          </Text>
        </div>
        <Button size="small" variant="secondary" disabled={!held} isLoading={reset.isPending} onClick={resetAll}>
          Reset all
        </Button>
      </div>
      {license.activations.length ? (
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
            {license.activations.map((activation) => (
              <Table.Row
                key={activation.id}
                data-testid={activation.released_at ? "released-activation-row" : "activation-row"}
              >
                <Table.Cell>
                  {activation.kind === "machine" ? (
                    <div title={activation.identifier} data-testid="machine-identity">
                      <Text size="small" weight="plus">{activation.name ?? "Unnamed machine"}</Text>
                      <Text size="xsmall" className="font-mono text-ui-fg-subtle">{shortFingerprint(activation.identifier)}</Text>
                    </div>
                  ) : (
                    <span className="font-mono text-xs">{activation.identifier}</span>
                  )}
                </Table.Cell>
                <Table.Cell>
                  <Badge size="2xsmall">{ACTIVATION_KIND_LABEL[activation.kind] ?? activation.kind}</Badge>
                </Table.Cell>
                <Table.Cell>{formatDateTime(activation.first_seen_at)}</Table.Cell>
                <Table.Cell>
                  {formatDateTime(activation.last_seen_at)}
                  <HeartbeatNote license={license} activation={activation} />
                </Table.Cell>
                <Table.Cell className="font-mono text-xs">{activation.last_ip ?? "-"}</Table.Cell>
                <Table.Cell className="text-right">
                  {activation.released_at ? (
                    <Text size="small" className="text-ui-fg-subtle">
                      Freed {formatDateTime(activation.released_at)}{" "}
                      {activation.released_by ? (releasedByLabel[activation.released_by] ?? "") : ""}
                    </Text>
                  ) : (
                    <Button
                      size="small"
                      variant="transparent"
                      disabled={free.isPending}
                      onClick={() => freeSlot(activation.id, activationTitle(activation))}
                    >
                      Free slot
                    </Button>
                  )}
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
      <Pager label="activations" count={count} limit={limit} offset={offset} onOffsetChange={onOffsetChange} />
    </Container>
  )
}
