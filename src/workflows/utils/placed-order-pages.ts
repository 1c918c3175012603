import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"

export type PlacedOrderWindow = {
  placed_after: Date
  placed_before: Date
  /** Orders read per page; every page of the window is read. */
  page_size: number
}

/**
 * Every placed order of a window (no drafts, no canceled orders), page by page, oldest first: orders placed while
 * paging land on a later page, never shift an earlier one. What the reconciliation jobs scan.
 */
export async function forEachPlacedOrderPage<T>(
  container: Pick<MedusaContainer, "resolve">,
  window: PlacedOrderWindow,
  fields: string[],
  onPage: (orders: T[]) => Promise<void>
): Promise<void> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  for (let skip = 0; ; skip += window.page_size) {
    const { data } = await query.graph({
      entity: "order",
      fields,
      filters: {
        created_at: { $gte: window.placed_after, $lte: window.placed_before },
        status: { $nin: ["canceled", "draft"] },
        is_draft_order: false,
      },
      pagination: { skip, take: window.page_size, order: { created_at: "ASC", id: "ASC" } },
    })
    await onPage(data as unknown as T[])
    if (data.length < window.page_size) {
      break
    }
  }
}
