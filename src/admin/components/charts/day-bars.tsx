const BAR = 10
const GAP = 3

/** "2026-11-23" -> "Nov 23", read as a UTC day. */
export const formatDay = (day: string) =>
  new Date(`${day}T00:00:00Z`).toLocaleDateString(undefined, { month: "short", day: "numeric", timeZone: "UTC" })

/** One coloured part of a day's bar; parts of one column stack bottom up, in order. */
export type DaySegment = { key: string; value: number; color: string; column?: number }

type DataAttributes = { [name: `data-${string}`]: string | number }

/** A horizontal line across every day at `value` (a limit), dashed, with its title. */
export type DayThreshold = { value: number; color: string; title: string }

/**
 * One bar per UTC day, each split into `columns` side by side (stacked parts
 * within a column), scaled to `max`, with a baseline and an optional
 * `threshold` line. Each day's group carries its title and the data
 * attributes `dayAttributes` gives it.
 */
export const DayBars = <D extends { day: string }>({
  days,
  height,
  className,
  label,
  max,
  columns = 1,
  segments,
  title,
  dayAttributes,
  threshold,
}: {
  days: D[]
  height: number
  className: string
  label: string
  max: number
  columns?: number
  segments: (day: D) => DaySegment[]
  title: (day: D) => string
  dayAttributes: (day: D) => DataAttributes
  threshold?: DayThreshold
}) => {
  const width = days.length * (BAR + GAP) - GAP
  const columnWidth = BAR / columns
  const scale = Math.max(1, max)
  return (
    <svg viewBox={`0 0 ${width} ${height}`} preserveAspectRatio="none" className={className} role="img" aria-label={label}>
      <line x1={0} x2={width} y1={height - 0.5} y2={height - 0.5} stroke="var(--border-base, #e4e4e7)" strokeWidth={1} />
      {days.map((day, i) => {
        const x = i * (BAR + GAP)
        const tops = Array.from({ length: columns }, () => height)
        return (
          <g key={day.day} {...dayAttributes(day)}>
            <title>{title(day)}</title>
            {/* an invisible full-height column, so the title shows on days without any count too */}
            <rect x={x} y={0} width={BAR} height={height} fill="transparent" />
            {segments(day)
              .filter((segment) => segment.value > 0)
              .map((segment) => {
                const column = segment.column ?? 0
                const segmentHeight = (segment.value / scale) * height
                tops[column] -= segmentHeight
                return (
                  <rect
                    key={segment.key}
                    x={x + column * columnWidth}
                    y={tops[column]}
                    width={columnWidth}
                    height={segmentHeight}
                    style={{ fill: segment.color }}
                  />
                )
              })}
          </g>
        )
      })}
      {threshold ? (
        <line
          data-testid="day-bars-threshold"
          x1={0}
          x2={width}
          y1={height - (Math.min(threshold.value, scale) / scale) * height + 0.5}
          y2={height - (Math.min(threshold.value, scale) / scale) * height + 0.5}
          stroke={threshold.color}
          strokeWidth={1}
          strokeDasharray="3 2"
          vectorEffect="non-scaling-stroke"
        >
          <title>{threshold.title}</title>
        </line>
      ) : null}
    </svg>
  )
}

/** The first and last day under a DayBars chart. */
export const DayAxis = ({ days }: { days: { day: string }[] }) =>
  days.length ? (
    <div className="text-ui-fg-muted txt-compact-xsmall flex justify-between">
      <span>{formatDay(days[0].day)}</span>
      <span>{formatDay(days[days.length - 1].day)}</span>
    </div>
  ) : null
