// Node-side tests of the PDF module:
//   PATH=$PWD/node_modules/.bin:$PATH vitest run --config app/lib/pdf/vitest.config.ts
// The Workers-runtime proof lives in vitest.workers.config.ts.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { defineConfig, type Plugin } from 'vitest/config'

/**
 * `*.bin` imports as ArrayBuffer, the way Wrangler's Data modules (and
 * @cloudflare/vite-plugin) give them to the Worker: the same source runs here.
 */
export function binaryDataModules(): Plugin {
  return {
    name: 'nourx:bin-data-modules',
    enforce: 'pre',
    load(id) {
      const path = id.split('?')[0]
      if (!path.endsWith('.bin')) return null
      const base64 = readFileSync(path).toString('base64')
      return [
        `const text = atob(${JSON.stringify(base64)})`,
        'const bytes = new Uint8Array(text.length)',
        'for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i)',
        'export default bytes.buffer',
      ].join('\n')
    },
  }
}

export default defineConfig({
  root: fileURLToPath(new URL('../../..', import.meta.url)),
  plugins: [binaryDataModules()],
  test: {
    name: 'pdf',
    include: ['app/lib/pdf/**/*.test.ts'],
    exclude: ['app/lib/pdf/**/*.workers.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
  },
})
