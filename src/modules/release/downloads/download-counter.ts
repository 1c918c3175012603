import { WriteBehindBuffer } from "../../license/verify/write-behind-buffer"
import type { DownloadNote } from "../sql/downloads"

/**
 * Counts downloads per release and license in memory and writes the sums every few seconds
 * (the license module's write-behind buffer), so a download costs no write on its request.
 * A failed write keeps its counts for the next flush; a crash loses the last few seconds.
 */
export class DownloadCounter extends WriteBehindBuffer<DownloadNote> {
  constructor(write: (notes: DownloadNote[]) => Promise<void>, onError: (error: unknown) => void, intervalMs = 5000, maxKeys = 5000) {
    super(write, onError, intervalMs, maxKeys, true)
  }

  add(releaseId: string, licenseId: string, at: Date = new Date()): void {
    this.put(`${releaseId}\n${licenseId}`, { release_id: releaseId, license_id: licenseId, count: 1, at })
  }

  protected merge(pending: DownloadNote, next: DownloadNote): DownloadNote {
    pending.count += next.count
    pending.at = next.at > pending.at ? next.at : pending.at
    return pending
  }
}
