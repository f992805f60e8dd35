// Reading generated PDFs back in tests: text per page (pdf.js through unpdf,
// the way a client's viewer extracts it), positioned text items, embedded
// fonts and images (pdf-lib's object model).
import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, type PDFStream } from 'pdf-lib'
import { extractText, getDocumentProxy } from 'unpdf'

/** pdf.js takes ownership of the buffer it is given: always hand it a copy. */
const copy = (bytes: Uint8Array) => new Uint8Array(bytes)

interface Item {
  str: string
  hasEOL: boolean
  transform: number[]
  width: number
}

/**
 * Text items of every page as pdf.js (the engine of unpdf and Firefox) reads
 * them. Careful: pdf.js turns every whitespace glyph into U+0020, including
 * the U+202F / U+00A0 of formatXOF, whatever `disableNormalization` says.
 * `exactPageTexts` below reads what the file really encodes.
 */
async function pageItems(bytes: Uint8Array): Promise<Item[][]> {
  const pdf = await getDocumentProxy(copy(bytes))
  const pages: Item[][] = []
  for (let number = 1; number <= pdf.numPages; number++) {
    const page = await pdf.getPage(number)
    const content = await page.getTextContent({ disableNormalization: true })
    pages.push(content.items.filter((item): item is Item & typeof item => 'str' in item) as Item[])
  }
  await pdf.destroy()
  return pages
}

/** Text of each page, items joined as unpdf's extractText joins them, without normalisation. */
export async function pageTexts(bytes: Uint8Array): Promise<string[]> {
  return (await pageItems(bytes)).map((items) => items.map((item) => item.str + (item.hasEOL ? '\n' : '')).join(''))
}

/** What a default pdf.js/unpdf extraction returns (normalised whitespace), as the E2E tests will read it. */
export async function defaultExtraction(bytes: Uint8Array): Promise<string> {
  const { text } = await extractText(copy(bytes), { mergePages: true })
  return text
}

export async function fullText(bytes: Uint8Array): Promise<string> {
  return (await pageTexts(bytes)).join('\n')
}

export interface Box {
  str: string
  page: number
  left: number
  right: number
  bottom: number
  top: number
}

export async function textBoxes(bytes: Uint8Array): Promise<Box[]> {
  return (await pageItems(bytes)).flatMap((items, index) =>
    items
      .filter((item) => item.str.trim() !== '')
      .map((item) => {
        const [a, b, , , x, y] = item.transform
        const fontSize = Math.hypot(a, b)
        return {
          str: item.str,
          page: index + 1,
          left: x,
          right: x + item.width,
          // Glyph body: baseline to cap height, leaving line gaps out.
          bottom: y,
          top: y + fontSize * 0.72,
        }
      }),
  )
}

/** Pairs of text items on the same page whose glyph boxes intersect. */
export function overlaps(boxes: Box[]): Array<[Box, Box]> {
  const found: Array<[Box, Box]> = []
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i]
      const b = boxes[j]
      if (a.page !== b.page) continue
      const horizontal = Math.min(a.right, b.right) - Math.max(a.left, b.left)
      const vertical = Math.min(a.top, b.top) - Math.max(a.bottom, b.bottom)
      if (horizontal > 0.5 && vertical > 0.5) found.push([a, b])
    }
  }
  return found
}

export interface EmbeddedFont {
  subtype: string
  baseFont: string
}

export async function embeddedObjects(bytes: Uint8Array) {
  const pdf = await PDFDocument.load(bytes)
  const fonts: EmbeddedFont[] = []
  const images: Array<{ width: number; height: number; filter: string }> = []
  for (const [, object] of pdf.context.enumerateIndirectObjects()) {
    const dict = object instanceof PDFRawStream ? object.dict : object instanceof PDFDict ? object : undefined
    if (!dict) continue
    const type = dict.get(PDFName.of('Type'))?.toString()
    const subtype = dict.get(PDFName.of('Subtype'))?.toString()
    if (type === '/Font') {
      fonts.push({ subtype: subtype ?? '', baseFont: dict.get(PDFName.of('BaseFont'))?.toString() ?? '' })
    }
    if (subtype === '/Image') {
      images.push({
        width: Number(dict.get(PDFName.of('Width'))?.toString()),
        height: Number(dict.get(PDFName.of('Height'))?.toString()),
        filter: dict.get(PDFName.of('Filter'))?.toString() ?? '',
      })
    }
  }
  return { fonts, images, pageCount: pdf.getPageCount(), title: pdf.getTitle() }
}

// ---------------------------------------------------------------------------
// Exact text: the Unicode the PDF itself declares (ToUnicode CMaps), one line
// per drawText call, in drawing order. pdf-lib writes each line as
// `BT /F 9 Tf … <glyph ids> Tj ET`, which is all this needs to understand.

function streamText(stream: PDFStream): string {
  const bytes = stream instanceof PDFRawStream ? decodePDFRawStream(stream).decode() : stream.getContents()
  let text = ''
  for (const byte of bytes) text += String.fromCharCode(byte)
  return text
}

function utf16be(hex: string): string {
  const units: number[] = []
  for (let i = 0; i < hex.length; i += 4) units.push(parseInt(hex.slice(i, i + 4), 16))
  return String.fromCharCode(...units)
}

function parseToUnicode(cmap: string): Map<number, string> {
  const map = new Map<number, string>()
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, code, unicode] of block[1].matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) {
      map.set(parseInt(code, 16), utf16be(unicode))
    }
  }
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const [, from, to, start] of block[1].matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) {
      const first = parseInt(from, 16)
      const base = parseInt(start, 16)
      for (let code = first; code <= parseInt(to, 16); code++) map.set(code, String.fromCodePoint(base + code - first))
    }
  }
  return map
}

export async function exactPageTexts(bytes: Uint8Array): Promise<string[]> {
  const pdf = await PDFDocument.load(bytes)
  return pdf.getPages().map((page) => {
    const fonts = new Map<string, Map<number, string>>()
    const fontDict = page.node.Resources()?.lookup(PDFName.of('Font'), PDFDict)
    for (const [name, ref] of fontDict?.entries() ?? []) {
      const font = pdf.context.lookup(ref, PDFDict)
      const toUnicode = font.lookup(PDFName.of('ToUnicode'))
      if (toUnicode) fonts.set(name.asString(), parseToUnicode(streamText(toUnicode as PDFStream)))
    }
    const contents = page.node.Contents()
    const streams =
      contents instanceof PDFArray
        ? contents.asArray().map((ref) => pdf.context.lookup(ref) as PDFStream)
        : contents
          ? [contents]
          : []
    const lines: string[] = []
    let cmap: Map<number, string> | undefined
    let line = ''
    for (const content of streams) {
      for (const match of streamText(content).matchAll(/(\/\S+)\s+[\d.]+\s+Tf|<([0-9A-Fa-f]*)>\s*Tj|\bET\b/g)) {
        if (match[1]) cmap = fonts.get(match[1])
        else if (match[2] !== undefined) {
          for (let i = 0; i < match[2].length; i += 4) line += cmap?.get(parseInt(match[2].slice(i, i + 4), 16)) ?? '\uFFFD'
        } else {
          lines.push(line)
          line = ''
        }
      }
    }
    return lines.join('\n')
  })
}
