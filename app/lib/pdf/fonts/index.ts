/// <reference path="./ttf-bin.d.ts" />
// The embedded fonts: Inter Regular and Bold (SIL OFL 1.1, OFL-Inter.txt),
// subset by build-fonts.py. The `.bin` extension makes them Data modules:
// @cloudflare/vite-plugin and Wrangler upload each file next to the Worker
// script and the import yields its bytes as an ArrayBuffer; vitest gets the
// same through the loader in ../vitest.config.ts. See ../README.md.
import interBold from './inter-bold.ttf.bin'
import interRegular from './inter-regular.ttf.bin'

export const INTER = { regular: interRegular, bold: interBold }
