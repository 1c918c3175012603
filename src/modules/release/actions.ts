// The operation bodies of ReleaseModuleService, bound onto it (fn.call(this, ...)).
export { createRelease } from "./releases/create-release"
export { changeStatus, RELEASE_TRANSITIONS, type ReleaseTransition } from "./releases/change-status"
export { updateDetails } from "./releases/update-details"
export type { CreateReleaseInput, ReleaseArtifact, ReleaseDetails } from "./releases/release-input"
export { changeDraftVersion, deleteDraft, restoreDraft } from "./releases/drafts"
