// Test host Worker (wrangler.test.toml `main`). The payments modules are pure
// functions called by the tests directly; this Worker only exists because the
// Workers Vitest integration needs a `main` to boot the runtime.
export default {
  async fetch(): Promise<Response> {
    return new Response('nourx payments test worker', { status: 200 })
  },
} satisfies ExportedHandler
