import { Button, Text } from "@medusajs/ui"

/** "21–40 of 10,001" with Previous / Next, for the detail's activations and history. */
export const Pager = ({
  count,
  limit,
  offset,
  onOffsetChange,
  label,
}: {
  count: number
  limit: number
  offset: number
  onOffsetChange: (offset: number) => void
  label: string
}) => {
  if (count <= limit && offset === 0) {
    return null
  }
  const last = Math.min(offset + limit, count)
  return (
    <div className="flex items-center justify-between px-6 py-3" data-testid={`${label}-pager`}>
      <Text size="small" className="text-ui-fg-subtle">
        {count ? `${(offset + 1).toLocaleString()}–${last.toLocaleString()} of ${count.toLocaleString()}` : "None"}
      </Text>
      <div className="flex gap-x-2">
        <Button
          size="small"
          variant="secondary"
          disabled={offset === 0}
          onClick={() => onOffsetChange(Math.max(offset - limit, 0))}
        >
          Previous
        </Button>
        <Button size="small" variant="secondary" disabled={last >= count} onClick={() => onOffsetChange(offset + limit)}>
          Next
        </Button>
      </div>
    </div>
  )
}
