// Font files bundled as Data modules (`*.bin` → ArrayBuffer), the type
// Wrangler's generated worker-configuration.d.ts gives to `*.bin`. Declared
// here with a more specific pattern so that projects without those generated
// types (tsconfig.node.json: scripts) see it too, without a duplicate.
declare module '*.ttf.bin' {
  const bytes: ArrayBuffer
  export default bytes
}
