/** An <input type="date"> value (YYYY-MM-DD) as the end of that day in the admin's time zone. */
export function dateInputToIso(value: string): string {
  const [year, month, day] = value.split("-").map(Number)
  return new Date(year, month - 1, day, 23, 59, 59).toISOString()
}

/** An ISO date as an <input type="date"> value in the admin's time zone. */
export function isoToDateInput(value: string | null): string {
  if (!value) {
    return ""
  }
  const date = new Date(value)
  const pad = (n: number) => String(n).padStart(2, "0")
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
}
