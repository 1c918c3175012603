import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import { Modules } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { execFile } from "node:child_process"
import { issueLicense } from "../helpers/licenses"
import { artifactBytes, publishedRelease, privateReleaseFiles } from "../helpers/releases"
import { adminHeaders, seedStore } from "../helpers/store"

privateReleaseFiles()

jest.setTimeout(240 * 1000)

const DOC = path.resolve(__dirname, "../../docs/software-delivery.md")
const DOC_ORIGIN = "https://shop.example.com"

/** The PHP snippet of docs/software-delivery.md that hooks WordPress's update check. */
function docsSnippet(): string {
  const doc = fs.readFileSync(DOC, "utf8")
  const start = doc.indexOf("```php", doc.indexOf("hooks WordPress's own update check"))
  const end = doc.indexOf("```", start + 6)
  if (start < 0 || end < 0) {
    throw new Error("docs/software-delivery.md lost its WordPress snippet")
  }
  return doc.slice(start + "```php".length, end)
}

/**
 * The few WordPress functions the snippet calls, over PHP's own HTTP streams (as WordPress's
 * Requests library does it: POST form fields, follow the package URL like download_url()); then
 * WordPress's update check: run the filter, download the package, hash it.
 */
const WORDPRESS_SHIM = String.raw`<?php
$GLOBALS['filters'] = [];
function add_filter($name, $callback) { $GLOBALS['filters'][$name][] = $callback; }
function plugin_basename($file) { return 'pro-plugin/pro-plugin.php'; }
function home_url() { return getenv('SITE_URL'); }
function get_option($name) { return $name === 'pro_plugin_license_key' ? getenv('LICENSE_KEY') : false; }
class WP_Error { public $message; function __construct($message) { $this->message = $message; } }
function is_wp_error($thing) { return $thing instanceof WP_Error; }
function wp_remote_post($url, $args) {
  $context = stream_context_create(['http' => [
    'method' => 'POST',
    'header' => "Content-Type: application/x-www-form-urlencoded\r\n",
    'content' => http_build_query($args['body']),
    'timeout' => $args['timeout'] ?? 5,
    'ignore_errors' => true,
  ]]);
  $body = @file_get_contents($url, false, $context);
  if ($body === false) { return new WP_Error('request failed'); }
  preg_match('#^HTTP/\S+ (\d+)#', $http_response_header[0], $status);
  return ['response' => ['code' => (int) $status[1]], 'body' => $body];
}
function wp_remote_retrieve_response_code($response) { return $response['response']['code']; }
function wp_remote_retrieve_body($response) { return $response['body']; }

require getenv('SNIPPET');

$plugin = 'pro-plugin/pro-plugin.php';
$transient = (object) ['checked' => [$plugin => getenv('INSTALLED_VERSION')], 'response' => []];
foreach ($GLOBALS['filters']['pre_set_site_transient_update_plugins'] ?? [] as $callback) { $transient = $callback($transient); }
$update = $transient->response[$plugin] ?? null;
if (!$update) { echo json_encode(['update' => null]); exit(0); }
$file = tempnam(sys_get_temp_dir(), 'package');
if (!copy($update->package, $file)) { fwrite(STDERR, "download failed\n"); exit(3); }
echo json_encode(['update' => $update, 'sha256' => hash_file('sha256', $file), 'size' => filesize($file)]);
`

// The docs' WordPress snippet, run by Debian's php-cli against the real server: it fetches the
// update metadata, WordPress downloads the package, and its SHA-256 is the uploaded artifact's.
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), "wp-snippet-"))
    afterAll(() => {
      fs.rmSync(work, { recursive: true, force: true })
    })

    const runWordPress = async (env: Record<string, string>) => {
      const snippet = path.join(work, "pro-plugin.php")
      fs.writeFileSync(snippet, docsSnippet().trimStart().replaceAll(DOC_ORIGIN, api.defaults.baseURL!.replace(/\/$/, "")))
      const shim = path.join(work, "wordpress.php")
      fs.writeFileSync(shim, WORDPRESS_SHIM)
      const stdout = await new Promise<string>((resolve, reject) =>
        execFile("php", [shim], { env: { ...process.env, SNIPPET: snippet, ...env } }, (error, out, err) => (error ? reject(new Error(`${error.message}\n${err}`)) : resolve(out)))
      )
      return JSON.parse(stdout)
    }

    it("offers the update to WordPress and the package it downloads has the release's SHA-256", async () => {
      const store = await seedStore(getContainer())
      const auth = await adminHeaders(api, store)
      const [product] = await getContainer().resolve(Modules.PRODUCT).createProducts([{ title: "Pro Plugin WP" }])
      const { key } = await issueLicense(getContainer(), { product_id: product.id })
      const file = artifactBytes(1_500_000)
      await publishedRelease(api, auth, product.id, { version: "1.4.0", wp_tested: "6.5", wp_requires_php: "8.0" }, file.bytes)

      const result = await runWordPress({ LICENSE_KEY: key, SITE_URL: "https://blog.example.com", INSTALLED_VERSION: "1.3.2" })
      expect(result.update).toMatchObject({ slug: "pro-plugin", new_version: "1.4.0", tested: "6.5", requires_php: "8.0" })
      expect(result.sha256).toBe(file.sha256)
      expect(result.size).toBe(file.bytes.length)

      // Up to date, and a wrong key: WordPress is offered nothing.
      expect((await runWordPress({ LICENSE_KEY: key, SITE_URL: "https://blog.example.com", INSTALLED_VERSION: "1.4.0" })).update).toBeNull()
      expect((await runWordPress({ LICENSE_KEY: "CP-WRONG", SITE_URL: "https://blog.example.com", INSTALLED_VERSION: "1.0.0" })).update).toBeNull()
    })
  },
})
