/** Colour swatches with their labels, under a chart. */
export const Legend = ({ items }: { items: { label: string; color: string; testId?: string }[] }) => (
  <div className="flex flex-wrap items-center gap-x-4 gap-y-1">
    {items.map((item) => (
      <span key={item.label} className="txt-compact-xsmall text-ui-fg-subtle flex items-center gap-x-1" data-testid={item.testId}>
        <span className="inline-block h-2 w-2 rounded-sm" style={{ background: item.color }} /> {item.label}
      </span>
    ))}
  </div>
)
