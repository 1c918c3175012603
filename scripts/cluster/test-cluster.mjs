// `npm run test:cluster`: the plugin's promises under load and faults, on the
// scale-out topology of README "External PostgreSQL and Redis" (docs/proofs.md):
//
//   Redis (loopback, no persistence) + one embedded PostgreSQL
//   + two `medusa start` servers (MEDUSA_WORKER_MODE=server)
//   + one `medusa start` worker  (MEDUSA_WORKER_MODE=worker), all with REDIS_URL,
//
// from one production build (`medusa build` in a temporary copy of the app, so
// the working tree's .medusa/ is left alone). Then runs the checks against both
// servers at once, prints each check's figures, exits non-zero if any failed, and
// always stops everything it started (process groups, Redis, PostgreSQL).
//
//   1 cap      200 concurrent verifies from 200 new domains over both servers
//              against caps 1, 5 and 50
//   2 issue    100 orders checked out concurrently through both servers
//   3 crash    kill -9 of the worker while it issues a 50-unit order, and of a
//              server during a burst of activations; restart; recount
//   4 fuzz     10,000 random requests to every public and store route
//   5 brute    5,000 random well-formed keys from one IP, valid verifies from
//              other IPs during the attack, against the same during an equal
//              volume of valid verifies of 32 other licenses (the control)
//
// CLUSTER_CHECKS=cap,fuzz runs only those; CLUSTER_KEEP=1 keeps the temp folder
// (logs are in <tmp>/logs, printed at the end either way); CLUSTER_CPU_PROF=1
// writes V8 CPU profiles of both servers to <tmp>/logs/prof when they stop (the
// brute-force check then prints each phase's monotonic time span, to cut them).
//
// The cluster and the helpers the checks share: scripts/cluster/setup.mjs; each
// check: scripts/cluster/checks/<name>.mjs.
import path from "node:path"
import { checkBrute } from "./checks/brute.mjs"
import { checkCap } from "./checks/cap.mjs"
import { checkCrash } from "./checks/crash.mjs"
import { checkFuzz } from "./checks/fuzz.mjs"
import { checkIssuance } from "./checks/issue.mjs"
import { CheckFailure, cleanup, closeDatabase, figures, startCluster, step, workDir } from "./setup.mjs"

const ONLY = process.env.CLUSTER_CHECKS?.split(",").filter(Boolean)

async function main() {
  await startCluster()

  const checks = [
    ["cap", "1. cap across instances", checkCap],
    ["issue", "2. issuance across instances", checkIssuance],
    ["fuzz", "4. fuzz", () => checkFuzz()],
    ["brute", "5. brute force", () => checkBrute()],
    ["crash", "3. crash recovery", checkCrash],
  ]
  const outcome = []
  for (const [id, title, fn] of checks) {
    if (ONLY && !ONLY.includes(id)) continue
    step(title)
    const started = Date.now()
    try {
      await fn()
      outcome.push([title, "PASS", Date.now() - started])
    } catch (error) {
      console.log(`  FAILED: ${error instanceof CheckFailure ? error.message : error.stack}`)
      outcome.push([title, "FAIL", Date.now() - started])
    }
  }
  await closeDatabase()

  console.log("\nCluster checks")
  for (const [title, result, ms] of outcome) console.log(`  ${result}  ${title}  (${(ms / 1000).toFixed(1)} s)`)
  console.log(`\nfigures ${JSON.stringify(figures)}`)
  console.log(`server logs: ${path.join(workDir, "logs")}${process.env.CLUSTER_KEEP ? "" : " (removed; CLUSTER_KEEP=1 keeps them)"}`)
  return outcome.every(([, result]) => result === "PASS")
}

main()
  .then(async (passed) => {
    await cleanup()
    process.exit(passed ? 0 : 1)
  })
  .catch(async (error) => {
    console.error(error)
    await closeDatabase()
    await cleanup()
    process.exit(1)
  })
