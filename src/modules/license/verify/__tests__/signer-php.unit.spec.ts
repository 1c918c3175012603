import { execFile } from "node:child_process"
import { generateKeyPairSync } from "node:crypto"
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import { AnswerSigner } from "../signer"

// The PHP check of a signed answer in docs/verify-api.md ("Checking a signature in PHP (openssl)"), taken from the
// docs and run by a real PHP (Debian's php-cli) against answers of the real signer: the docs are what is tested.

const DOC = path.resolve(__dirname, "../../../../../docs/verify-api.md")
const pem = () => generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey.export({ type: "pkcs8", format: "pem" }).toString()

/** The docs' PHP function, without the WordPress usage below it. */
function docsPhpCheck(): string {
  const doc = fs.readFileSync(DOC, "utf8")
  const section = doc.indexOf("### Checking a signature in PHP (openssl)")
  const start = doc.indexOf("```php", section)
  const end = doc.indexOf("// In a WordPress plugin:", start)
  if (section < 0 || start < 0 || end < 0) {
    throw new Error("docs/verify-api.md lost its PHP signature check")
  }
  return doc.slice(start + "```php".length, end)
}

/** Runs the docs' function on each token with the PEM key: the verified answers' `n`, or null where it refused. */
async function phpVerify(tokens: string[], publicKeyPem: string): Promise<(number | null)[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "signer-php-"))
  try {
    fs.writeFileSync(path.join(dir, "input.json"), JSON.stringify({ tokens, key: publicKeyPem }))
    const script = `${docsPhpCheck()}
$input = json_decode(file_get_contents($argv[1]), true);
$out = [];
foreach ($input['tokens'] as $token) {
    $answer = license_keys_verify_signature($token, $input['key']);
    $out[] = $answer === null ? null : $answer['n'];
}
echo json_encode($out);
`
    fs.writeFileSync(path.join(dir, "check.php"), script)
    const stdout = await new Promise<string>((resolve, reject) =>
      execFile("php", [path.join(dir, "check.php"), path.join(dir, "input.json")], (error, out, err) =>
        error ? reject(new Error(`${error.message}\n${err}`)) : resolve(out)
      )
    )
    return JSON.parse(stdout)
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

describe("the docs' PHP signature check against the signer", () => {
  const signer = new AnswerSigner(pem(), 3600)

  it("accepts 200 signed answers and refuses a changed byte, an expired answer and another key's", async () => {
    const valid = Array.from({ length: 200 }, (_, n) => signer.sign({ valid: true, code: "valid", n }).signature)
    const [h, p, s] = valid[0].split(".")
    const payload = Buffer.from(p, "base64url")
    payload[payload.length - 3] ^= 1
    const changed = [h, payload.toString("base64url"), s].join(".")
    const expired = signer.signUntil({ n: -1 }, new Date(Date.now() - 60_000))
    const otherKey = new AnswerSigner(pem(), 3600).sign({ n: -2 }).signature

    const results = await phpVerify([...valid, changed, expired, otherKey], signer.publicKey.pem)

    expect(results.slice(0, 200)).toEqual(valid.map((_, n) => n))
    expect(results.slice(200)).toEqual([null, null, null])
  })
})
