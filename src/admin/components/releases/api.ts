import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { sdk } from "../../lib/sdk"
import type { AdminReleaseShape } from "../../../types/releases"

/** A release as GET /admin/products/:id/releases answers it (dates as strings over HTTP). */
export type AdminRelease = AdminReleaseShape<string>

const releasesKey = (productId: string) => ["product-releases", productId] as const
const url = (productId: string) => `/admin/products/${productId}/releases`

export function useProductReleases(productId: string) {
  return useQuery({
    queryKey: releasesKey(productId),
    queryFn: () => sdk.client.fetch<{ releases: AdminRelease[] }>(url(productId)),
  })
}

/** Uploads a new draft (multipart: the artifact and the text fields). */
export function useUploadRelease(productId: string) {
  const client = useQueryClient()
  return useMutation({
    // As the SDK's own upload does: no content-type, so the browser writes the multipart boundary.
    mutationFn: (form: FormData) =>
      sdk.client.fetch<{ release: AdminRelease }>(url(productId), { method: "POST", headers: { "content-type": null }, body: form }),
    onSuccess: () => client.invalidateQueries({ queryKey: releasesKey(productId) }),
  })
}

/** Publishes a draft or yanks a published release. */
export function useReleaseAction(productId: string) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: ({ id, action }: { id: string; action: "publish" | "yank" }) =>
      sdk.client.fetch<{ release: AdminRelease }>(`${url(productId)}/${id}/${action}`, { method: "POST", body: {} }),
    onSuccess: () => client.invalidateQueries({ queryKey: releasesKey(productId) }),
  })
}

/** Edits a release's required entitlement (null: every key may have it). */
export function useEditReleaseEntitlement(productId: string) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: ({ id, required_entitlement }: { id: string; required_entitlement: string | null }) =>
      sdk.client.fetch<{ release: AdminRelease }>(`${url(productId)}/${id}`, { method: "POST", body: { required_entitlement } }),
    onSuccess: () => client.invalidateQueries({ queryKey: releasesKey(productId) }),
  })
}
