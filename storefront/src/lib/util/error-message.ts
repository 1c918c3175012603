/** The message to show for a failed SDK call (the SDK throws FetchError with the server's message and status). */
export function errorMessage(error: unknown): string {
  const status = (error as { status?: number } | null)?.status
  if (status === 401) return "Your session has expired. Please log in again."
  if (error instanceof Error && error.message) return error.message
  return "Something went wrong. Please try again."
}
