/** Events of the release module's workflows. */
export const ReleaseEvents = {
  CREATED: "release.created",
  PUBLISHED: "release.published",
  YANKED: "release.yanked",
  DELETED: "release.deleted",
} as const
