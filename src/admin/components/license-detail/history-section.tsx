import { Container, Heading, Table, Text } from "@medusajs/ui"
import { useMemo } from "react"
import { Pager } from "./pager"
import { useAdminUsers } from "../../lib/api"
import { actorLabel, eventLabel, formatDateTime } from "../../lib/format"
import { byNewest, eventDetails } from "../../lib/history"
import type { AdminLicenseDetail, AdminLicenseEvent } from "../../lib/types"

/** One page of the license's events, newest first, with who did it and what changed. */
export const HistorySection = ({
  license,
  count,
  limit,
  offset,
  onOffsetChange,
}: {
  license: AdminLicenseDetail
  count: number
  limit: number
  offset: number
  onOffsetChange: (offset: number) => void
}) => {
  const events = useMemo(() => [...license.events].sort(byNewest), [license.events])
  const adminIds = useMemo(
    () => [...new Set(events.filter((e) => e.actor_type === "admin" && e.actor_id).map((e) => e.actor_id!))].sort(),
    [events]
  )
  const users = useAdminUsers(adminIds)
  const userName = new Map((users.data?.users ?? []).map((u) => [u.id, u.email]))

  const actor = (event: AdminLicenseEvent) => {
    const label = actorLabel[event.actor_type]
    if (!event.actor_id) {
      return label
    }
    if (event.actor_type === "admin") {
      return `${label} ${userName.get(event.actor_id) ?? event.actor_id}`
    }
    if (event.actor_type === "customer" && event.actor_id === license.customer_id && license.customer_email) {
      return `${label} ${license.customer_email}`
    }
    return `${label} ${event.actor_id}`
  }

  return (
    <Container className="divide-y p-0">
      <div className="px-6 py-4">
        <Heading level="h2">History</Heading>
      </div>
      {events.length ? (
        <Table>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell>When</Table.HeaderCell>
              <Table.HeaderCell>Event</Table.HeaderCell>
              <Table.HeaderCell>By</Table.HeaderCell>
              <Table.HeaderCell>Details</Table.HeaderCell>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {events.map((event) => (
              <Table.Row key={event.id} data-testid="history-row" data-event-type={event.type}>
                <Table.Cell className="whitespace-nowrap">{formatDateTime(event.created_at)}</Table.Cell>
                <Table.Cell>{eventLabel[event.type] ?? event.type}</Table.Cell>
                <Table.Cell className="break-all">{actor(event)}</Table.Cell>
                <Table.Cell className="whitespace-normal">{eventDetails(event)}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      ) : (
        <Text size="small" className="text-ui-fg-subtle px-6 py-4">
          No events yet.
        </Text>
      )}
      <Pager label="history" count={count} limit={limit} offset={offset} onOffsetChange={onOffsetChange} />
    </Container>
  )
}
