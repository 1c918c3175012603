import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { execFile } from "node:child_process"
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import { issueLicense } from "../helpers/licenses"
import { sourceAddresses, verifyClient } from "../helpers/verify-client"

jest.setTimeout(240 * 1000)

// The Go reader of offline license files in docs/entitlements-and-license-files.md ("Verifying a
// license file offline in Go"), built from the docs with Debian's golang-go (Go 1.19) and run
// against files the real server checks out: the docs ARE what is tested (as license-files.spec.ts
// runs the Node reader and releases-php.spec.ts the PHP snippet).

const DOC = path.resolve(__dirname, "../../docs/entitlements-and-license-files.md")
const fp = (n: string) => `go-machine-${n}-0123456789abcdef`
const decodePart = (part: string) => JSON.parse(Buffer.from(part, "base64url").toString("utf8"))

/** The ```go block of the docs' Go section. */
function docsGoReader(): string {
  const doc = fs.readFileSync(DOC, "utf8")
  const section = doc.indexOf("### Verifying a license file offline in Go")
  const start = doc.indexOf("```go", section)
  const end = doc.indexOf("```", start + 5)
  if (section < 0 || start < 0 || end < 0) {
    throw new Error("docs/entitlements-and-license-files.md lost its Go reader")
  }
  return doc.slice(start + "```go".length, end)
}

/** The app around the docs' package: reads the files named by the environment, prints one line of JSON (as the Node snippet). */
const MAIN = `package main

import (
	"encoding/json"
	"os"

	"app/licensefile"
)

func main() {
	text, _ := os.ReadFile(os.Getenv("LICENSE_FILE"))
	publicKey, _ := os.ReadFile(os.Getenv("PUBLIC_KEY_FILE"))
	out := json.NewEncoder(os.Stdout)
	file, err := licensefile.Read(string(text), string(publicKey), os.Getenv("LICENSE_KEY"), os.Getenv("FINGERPRINT"))
	if err != nil {
		out.Encode(map[string]any{"valid": false, "reason": err.Error()})
		return
	}
	out.Encode(map[string]any{"valid": true, "license_id": file.License.ID, "entitlements": file.License.Entitlements, "expires_at": file.ExpiresAt})
}
`

type RunOptions = { cwd?: string; env: Record<string, string> }
const settle = (resolve: (out: string) => void, reject: (error: Error) => void) => (error: Error | null, stdout: string, stderr: string) =>
  error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout)
/** The machine's go (scripts/lib/system-programs.mjs installs golang-go for this spec). */
const go = (args: string[], options: RunOptions) => new Promise<string>((resolve, reject) => execFile("go", args, options, settle(resolve, reject)))
const run = (file: string, options: RunOptions) => new Promise<string>((resolve, reject) => execFile(file, [], options, settle(resolve, reject)))

medusaIntegrationTestRunner({
  testSuite: ({ getContainer, api }) => {
    let client: ReturnType<typeof verifyClient>
    const freshIp = sourceAddresses(37)
    // Everything Go writes (module dir, GOPATH, GOCACHE, the binary) stays under os.tmpdir().
    const work = fs.mkdtempSync(path.join(os.tmpdir(), "license-file-go-"))
    const binary = path.join(work, "check-license")

    beforeAll(() => {
      client = verifyClient(api)
    })
    afterAll(() => {
      client?.close()
      fs.rmSync(work, { recursive: true, force: true })
    })

    /** Builds the docs' reader with the machine's go (stdlib only: no network, GOPROXY=off). */
    const build = async () => {
      const src = path.join(work, "src")
      fs.mkdirSync(path.join(src, "licensefile"), { recursive: true })
      fs.writeFileSync(path.join(src, "go.mod"), "module app\n\ngo 1.19\n")
      fs.writeFileSync(path.join(src, "licensefile", "licensefile.go"), docsGoReader())
      fs.writeFileSync(path.join(src, "main.go"), MAIN)
      const env = {
        PATH: process.env.PATH ?? "",
        HOME: work,
        GOPATH: path.join(work, "gopath"),
        GOCACHE: path.join(work, "gocache"),
        GOPROXY: "off",
        GOFLAGS: "-mod=mod",
        GO111MODULE: "on",
        GOTOOLCHAIN: "local",
      }
      await go(["build", "-o", binary, "."], { cwd: src, env })
      // The reader in the docs says what it runs on, and this is it.
      expect(await go(["version"], { env })).toMatch(/go1\.(19|[2-9]\d)/)
    }

    const readWithGo = async (env: Record<string, string>, files: { publicKey: string; licenseFile: string }) => {
      const dir = fs.mkdtempSync(path.join(work, "case-"))
      fs.writeFileSync(path.join(dir, "public.pem"), files.publicKey)
      fs.writeFileSync(path.join(dir, "license.lic"), files.licenseFile)
      const stdout = await run(binary, {
        env: { PUBLIC_KEY_FILE: path.join(dir, "public.pem"), LICENSE_FILE: path.join(dir, "license.lic"), ...env },
      })
      return JSON.parse(stdout)
    }

    it("the docs' Go reader verifies a signed file, refuses a tampered one, opens an encrypted file with its key and not with another", async () => {
      await build()
      const { license, key } = await issueLicense(getContainer(), { max_activations: 3, entitlements: ["pro-export", "sso"] })
      const { key: otherKey } = await issueLicense(getContainer(), { max_activations: 1 })
      const checkout = (body: unknown) => client.post("/licenses/checkout", body, { from: freshIp() })
      const plain = await checkout({ license_key: key, fingerprint: fp("a") })
      const sealed = await checkout({ license_key: key, fingerprint: fp("a"), encrypt: true })
      expect([plain.data.valid, sealed.data.license_file?.type]).toEqual([true, "license_file_encrypted"])
      const publicKey = (await client.get("/licenses/public-key")).data.pem as string
      const files = (licenseFile: string) => ({ publicKey, licenseFile })

      // Signed: verifies, with the license's id, codes and the file's expiry.
      expect(await readWithGo({ FINGERPRINT: fp("a"), LICENSE_KEY: key }, files(plain.data.license_file))).toEqual({
        valid: true,
        license_id: license.id,
        entitlements: ["pro-export", "sso"],
        expires_at: plain.data.license_file_expires_at,
      })
      // Without the key (a plain file needs none) too; on another machine, refused.
      expect(await readWithGo({ FINGERPRINT: fp("a") }, files(plain.data.license_file))).toMatchObject({ valid: true })
      expect(await readWithGo({ FINGERPRINT: fp("b"), LICENSE_KEY: key }, files(plain.data.license_file))).toEqual({
        valid: false,
        reason: "license file is for another machine",
      })

      // Tampered: a code added to the payload, or a byte of the signature changed.
      const [h, p, s] = (plain.data.license_file as string).split(".")
      const payload = decodePart(p)
      const more = Buffer.from(JSON.stringify({ ...payload, license: { ...payload.license, entitlements: ["everything"] } })).toString("base64url")
      expect(await readWithGo({ FINGERPRINT: fp("a"), LICENSE_KEY: key }, files(`${h}.${more}.${s}`))).toEqual({ valid: false, reason: "signature does not verify" })
      const sig = Buffer.from(s, "base64url")
      sig[10] ^= 1
      expect(await readWithGo({ FINGERPRINT: fp("a"), LICENSE_KEY: key }, files(`${h}.${p}.${sig.toString("base64url")}`))).toEqual({
        valid: false,
        reason: "signature does not verify",
      })

      // Encrypted: opens with its key (the Go HKDF matches the server's), not with another key, not when a byte changed.
      const envelope = JSON.stringify(sealed.data.license_file)
      expect(await readWithGo({ FINGERPRINT: fp("a"), LICENSE_KEY: key }, files(envelope))).toEqual({
        valid: true,
        license_id: license.id,
        entitlements: ["pro-export", "sso"],
        expires_at: sealed.data.license_file_expires_at,
      })
      expect(await readWithGo({ FINGERPRINT: fp("a"), LICENSE_KEY: otherKey }, files(envelope))).toEqual({ valid: false, reason: "wrong key or damaged file" })
      const ciphertext = Buffer.from(sealed.data.license_file.ciphertext, "base64url")
      ciphertext[0] ^= 1
      const damaged = JSON.stringify({ ...sealed.data.license_file, ciphertext: ciphertext.toString("base64url") })
      expect(await readWithGo({ FINGERPRINT: fp("a"), LICENSE_KEY: key }, files(damaged))).toEqual({ valid: false, reason: "wrong key or damaged file" })
    })
  },
})
