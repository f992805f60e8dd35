// The drawing engine shared by every document: an A4 "sheet" with a cursor
// moving down the page, automatic page breaks, a table whose header repeats
// on each page, and footers numbered "Page n / N" once the page count is known.
// pdf-lib's origin is the bottom-left corner; `sheet.y` is the top of the next
// thing to draw, in those coordinates.
import { rgb, type PDFDocument, type PDFFont, type PDFPage, type RGB } from 'pdf-lib'
import { drawable, fitSize, wrapText } from './text.ts'

export const PAGE_WIDTH = 595.28
export const PAGE_HEIGHT = 841.89
export const MARGIN_X = 48
export const MARGIN_TOP = 44
export const MARGIN_BOTTOM = 34
export const CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN_X
export const LEFT = MARGIN_X
export const RIGHT = PAGE_WIDTH - MARGIN_X

export interface Theme {
  /** The seller's accent: thin rules, table header underline, title. */
  accent: RGB
  /** The accent when used for text: black if the accent is too pale to read. */
  accentText: RGB
  ink: RGB
  muted: RGB
  rule: RGB
  shade: RGB
}

export function themeFor(accentHex: string): Theme {
  const r = parseInt(accentHex.slice(1, 3), 16) / 255
  const g = parseInt(accentHex.slice(3, 5), 16) / 255
  const b = parseInt(accentHex.slice(5, 7), 16) / 255
  const accent = rgb(r, g, b)
  const ink = rgb(0.07, 0.07, 0.07)
  // Relative luminance (sRGB approximation): a pale accent stays for rules only.
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
  return {
    accent,
    accentText: luminance > 0.6 ? ink : accent,
    ink,
    muted: rgb(0.4, 0.4, 0.4),
    rule: rgb(0.82, 0.82, 0.82),
    shade: rgb(0.965, 0.965, 0.965),
  }
}

export interface Fonts {
  regular: PDFFont
  bold: PDFFont
}

export interface TextStyle {
  bold?: boolean
  size: number
  color?: RGB
}

/**
 * Fonts + theme + the characters the font can draw. Every string goes through
 * `clean` before it is measured or drawn.
 */
export class Writer {
  readonly fonts: Fonts
  readonly theme: Theme
  private readonly charset: ReadonlySet<number>

  constructor(fonts: Fonts, theme: Theme) {
    this.fonts = fonts
    this.theme = theme
    // Both weights are built from the same character list (fonts/build-fonts.py).
    this.charset = new Set(fonts.regular.getCharacterSet())
  }

  clean(text: string): string {
    return drawable(text, this.charset)
  }

  font(style: TextStyle): PDFFont {
    return style.bold ? this.fonts.bold : this.fonts.regular
  }

  width(text: string, style: TextStyle): number {
    return this.font(style).widthOfTextAtSize(this.clean(text), style.size)
  }

  wrap(text: string, style: TextStyle, maxWidth: number): string[] {
    return wrapText(this.font(style), this.clean(text), style.size, maxWidth)
  }

  /** Draws one line with its baseline at `y`; `x` is the left, right or centre edge per `align`. */
  line(
    page: PDFPage,
    text: string,
    x: number,
    y: number,
    style: TextStyle & { align?: 'left' | 'right' | 'center'; maxWidth?: number },
  ): number {
    const font = this.font(style)
    const clean = this.clean(text)
    const size = style.maxWidth ? fitSize(font, clean, style.size, style.maxWidth) : style.size
    const width = font.widthOfTextAtSize(clean, size)
    const left = style.align === 'right' ? x - width : style.align === 'center' ? x - width / 2 : x
    page.drawText(clean, { x: left, y, size, font, color: style.color ?? this.theme.ink })
    return width
  }
}

export interface Sheet {
  pdf: PDFDocument
  writer: Writer
  pages: PDFPage[]
  page: PDFPage
  /** Top of the next block. */
  y: number
  /** Lowest y content may reach (above the footer). */
  bottom: number
  /** Draws the compact header of pages 2+; returns its height. */
  continuation: (sheet: Sheet) => number
  /** Set while a table is being drawn: its header is repeated after a page break. */
  repeatOnBreak?: () => void
}

export function createSheet(
  pdf: PDFDocument,
  writer: Writer,
  footerHeight: number,
  continuation: (sheet: Sheet) => number,
): Sheet {
  const page = pdf.addPage([PAGE_WIDTH, PAGE_HEIGHT])
  return {
    pdf,
    writer,
    pages: [page],
    page,
    y: PAGE_HEIGHT - MARGIN_TOP,
    bottom: MARGIN_BOTTOM + footerHeight + 14,
    continuation,
  }
}

export function newPage(sheet: Sheet): void {
  sheet.page = sheet.pdf.addPage([PAGE_WIDTH, PAGE_HEIGHT])
  sheet.pages.push(sheet.page)
  sheet.y = PAGE_HEIGHT - MARGIN_TOP
  sheet.y -= sheet.continuation(sheet)
  sheet.repeatOnBreak?.()
}

/** Starts a new page unless `height` still fits above the footer. */
export function ensureSpace(sheet: Sheet, height: number): void {
  if (sheet.y - height < sheet.bottom) newPage(sheet)
}

export function hRule(sheet: Sheet, y: number, color: RGB, thickness = 0.5, from = LEFT, to = RIGHT): void {
  sheet.page.drawLine({ start: { x: from, y }, end: { x: to, y }, thickness, color })
}

/** SVG path of a rounded rectangle whose top-left corner is the drawing origin. */
export function roundedRect(width: number, height: number, radius: number): string {
  const r = Math.min(radius, width / 2, height / 2)
  return [
    `M ${r} 0`,
    `H ${width - r}`,
    `A ${r} ${r} 0 0 1 ${width} ${r}`,
    `V ${height - r}`,
    `A ${r} ${r} 0 0 1 ${width - r} ${height}`,
    `H ${r}`,
    `A ${r} ${r} 0 0 1 0 ${height - r}`,
    `V ${r}`,
    `A ${r} ${r} 0 0 1 ${r} 0`,
    'Z',
  ].join(' ')
}

const BODY: TextStyle = { size: 9 }
const LINE_HEIGHT = 1.32

/**
 * A wrapped paragraph at the cursor, breaking pages between lines.
 * Returns nothing: the cursor ends below the paragraph.
 */
export function paragraph(
  sheet: Sheet,
  text: string,
  { x = LEFT, width = CONTENT_WIDTH, style = BODY }: { x?: number; width?: number; style?: TextStyle } = {},
): void {
  const { writer } = sheet
  const lineHeight = style.size * LINE_HEIGHT
  for (const line of writer.wrap(text, style, width)) {
    ensureSpace(sheet, lineHeight)
    writer.line(sheet.page, line, x, sheet.y - style.size, { ...style, color: style.color ?? writer.theme.ink })
    sheet.y -= lineHeight
  }
}

/** Section heading kept on the same page as the first lines that follow it. */
export function heading(sheet: Sheet, text: string, keepWith = 36): void {
  const { writer } = sheet
  sheet.y -= 12
  ensureSpace(sheet, 16 + keepWith)
  writer.line(sheet.page, text, LEFT, sheet.y - 10, { bold: true, size: 10, color: writer.theme.ink })
  sheet.y -= 17
}

/** Paragraphs wrapped to a column, with a small gap between paragraphs. */
export function layColumn(writer: Writer, paragraphs: string[], style: TextStyle, width: number): string[][] {
  return paragraphs.filter(Boolean).map((text) => writer.wrap(text, style, width))
}

const PARAGRAPH_GAP = 4

export function columnHeight(column: string[][], style: TextStyle): number {
  const lines = column.reduce((total, lines) => total + lines.length, 0)
  return lines * style.size * LINE_HEIGHT + Math.max(0, column.length - 1) * PARAGRAPH_GAP
}

/** Draws a laid-out column from `top` down, without page breaks (reserve its height first). */
export function drawColumn(sheet: Sheet, column: string[][], style: TextStyle, x: number, top: number): void {
  let y = top
  column.forEach((lines, index) => {
    if (index > 0) y -= PARAGRAPH_GAP
    for (const line of lines) {
      sheet.writer.line(sheet.page, line, x, y - style.size, style)
      y -= style.size * LINE_HEIGHT
    }
  })
}

// ---------------------------------------------------------------------------
// Tables

export interface Column {
  header: string
  width: number
  align: 'left' | 'right'
}

export interface Cell {
  text: string
  bold?: boolean
  /** Secondary text under the main one (a line's description). */
  detail?: string
}

const CELL_PAD_X = 6
const CELL_PAD_Y = 5
const CELL_STYLE: TextStyle = { size: 9 }
const DETAIL_STYLE: TextStyle = { size: 7.75 }
const HEADER_STYLE: TextStyle = { size: 7.5, bold: true }

interface LaidCell {
  lines: string[]
  details: string[]
  fit?: number
}

function layCell(sheet: Sheet, column: Column, cell: Cell): LaidCell {
  const { writer } = sheet
  const inner = column.width - 2 * CELL_PAD_X
  const style = { ...CELL_STYLE, bold: cell.bold }
  if (column.align === 'right') {
    // Amounts stay on one line: shrink rather than wrap "1 180 000 F CFA".
    return { lines: [cell.text], details: [], fit: fitSize(writer.font(style), writer.clean(cell.text), style.size, inner) }
  }
  return {
    lines: writer.wrap(cell.text, style, inner),
    details: cell.detail ? writer.wrap(cell.detail, DETAIL_STYLE, inner) : [],
  }
}

function cellHeight(cell: LaidCell): number {
  return (
    cell.lines.length * CELL_STYLE.size * LINE_HEIGHT +
    (cell.details.length ? 2 + cell.details.length * DETAIL_STYLE.size * LINE_HEIGHT : 0)
  )
}

function drawTableHeader(sheet: Sheet, columns: Column[]): void {
  const { writer } = sheet
  const height = 18
  let x = LEFT
  for (const column of columns) {
    const textX = column.align === 'right' ? x + column.width - CELL_PAD_X : x + CELL_PAD_X
    writer.line(sheet.page, column.header.toUpperCase(), textX, sheet.y - 11.5, {
      ...HEADER_STYLE,
      color: writer.theme.muted,
      align: column.align,
      maxWidth: column.width - 2 * CELL_PAD_X,
    })
    x += column.width
  }
  sheet.y -= height
  hRule(sheet, sheet.y, writer.theme.accent, 0.9)
}

/**
 * Draws a table at the cursor. Rows never split; when one does not fit, the
 * page breaks and the column headers are drawn again on the new page.
 */
export function table(sheet: Sheet, columns: Column[], rows: Cell[][], empty = 'Aucune ligne.'): void {
  const { writer } = sheet
  const laid = rows.map((row) => row.map((cell, index) => layCell(sheet, columns[index], cell)))
  const heights = laid.map((row) => Math.max(...row.map(cellHeight)) + 2 * CELL_PAD_Y)
  // Keep the header with at least the first row.
  ensureSpace(sheet, 18 + (heights[0] ?? 20))
  drawTableHeader(sheet, columns)
  sheet.repeatOnBreak = () => drawTableHeader(sheet, columns)
  if (rows.length === 0) {
    writer.line(sheet.page, empty, LEFT + CELL_PAD_X, sheet.y - 15, { ...CELL_STYLE, color: writer.theme.muted })
    sheet.y -= 22
  }
  laid.forEach((row, rowIndex) => {
    const height = heights[rowIndex]
    ensureSpace(sheet, height)
    const top = sheet.y
    let x = LEFT
    row.forEach((cell, index) => {
      const column = columns[index]
      const style = { ...CELL_STYLE, bold: rows[rowIndex][index].bold }
      let y = top - CELL_PAD_Y - style.size
      const textX = column.align === 'right' ? x + column.width - CELL_PAD_X : x + CELL_PAD_X
      for (const line of cell.lines) {
        writer.line(sheet.page, line, textX, y, { ...style, size: cell.fit ?? style.size, align: column.align })
        y -= style.size * LINE_HEIGHT
      }
      if (cell.details.length) y -= 2
      for (const detail of cell.details) {
        writer.line(sheet.page, detail, textX, y + (style.size - DETAIL_STYLE.size), {
          ...DETAIL_STYLE,
          color: writer.theme.muted,
        })
        y -= DETAIL_STYLE.size * LINE_HEIGHT
      }
      x += column.width
    })
    sheet.y -= height
    hRule(sheet, sheet.y, writer.theme.rule, 0.5)
  })
  sheet.repeatOnBreak = undefined
}

// ---------------------------------------------------------------------------
// Label/value lists (totals, bank details, receipt details)

export interface Pair {
  label: string
  value: string
  strong?: boolean
  /** Draw an accent rule above this row. */
  ruleAbove?: boolean
}

/**
 * Two-column list: label left, value right-aligned (`align: 'right'`) or
 * left-aligned after a fixed label column. Returns the height used; draws at
 * `top` without moving the cursor (callers place it beside other content).
 */
export function pairs(
  sheet: Sheet,
  rows: Pair[],
  { x, width, top, labelWidth, valueAlign = 'right', size = 9, padX = 0 }: {
    x: number
    width: number
    top: number
    labelWidth?: number
    valueAlign?: 'left' | 'right'
    size?: number
    /** Text inset from both ends; rules still span the full width. */
    padX?: number
  },
): number {
  const { writer } = sheet
  const textLeft = x + padX
  const textWidth = width - 2 * padX
  let y = top
  for (const row of rows) {
    const style: TextStyle = { size: row.strong ? size + 1.25 : size, bold: row.strong }
    if (row.ruleAbove) {
      y -= 3
      sheet.page.drawLine({ start: { x, y }, end: { x: x + width, y }, thickness: 0.9, color: writer.theme.accent })
    }
    y -= row.ruleAbove ? 5.5 : 2.5
    const valueX = valueAlign === 'right' ? textLeft + textWidth : textLeft + (labelWidth ?? textWidth / 2)
    const valueWidth = textWidth - (labelWidth ?? textWidth / 2)
    const valueLines = valueAlign === 'right' ? [row.value] : writer.wrap(row.value, style, valueWidth)
    writer.line(sheet.page, row.label, textLeft, y - style.size, {
      ...style,
      bold: row.strong,
      color: row.strong ? writer.theme.ink : writer.theme.muted,
      maxWidth: labelWidth ? labelWidth - 8 : undefined,
    })
    for (const line of valueLines) {
      writer.line(sheet.page, line, valueX, y - style.size, {
        ...style,
        align: valueAlign,
        maxWidth: valueAlign === 'right' ? valueWidth : undefined,
      })
      y -= style.size * LINE_HEIGHT
    }
    y -= 2
  }
  return top - y
}

/** Height `pairs` would use, to reserve space before drawing. */
export function pairsHeight(sheet: Sheet, rows: Pair[], { width, labelWidth, valueAlign = 'right', size = 9 }: {
  width: number
  labelWidth?: number
  valueAlign?: 'left' | 'right'
  size?: number
}): number {
  let height = 0
  for (const row of rows) {
    const style: TextStyle = { size: row.strong ? size + 1.25 : size, bold: row.strong }
    const valueWidth = width - (labelWidth ?? width / 2)
    const lines = valueAlign === 'right' ? 1 : sheet.writer.wrap(row.value, style, valueWidth).length
    height += (row.ruleAbove ? 8.5 : 2.5) + lines * style.size * LINE_HEIGHT + 2
  }
  return height
}

// ---------------------------------------------------------------------------
// Footer

export interface Footer {
  lines: string[]
  height: number
}

const FOOTER_STYLE: TextStyle = { size: 7 }
const PAGE_NUMBER_WIDTH = 52

/** Wraps the footer text once, so the page bottom can be reserved before drawing. */
export function layFooter(writer: Writer, paragraphs: string[]): Footer {
  const width = CONTENT_WIDTH - PAGE_NUMBER_WIDTH
  const lines = paragraphs.filter(Boolean).flatMap((text) => writer.wrap(text, FOOTER_STYLE, width))
  return { lines, height: Math.max(1, lines.length) * FOOTER_STYLE.size * LINE_HEIGHT + 8 }
}

/** Draws the footer and "Page n / N" on every page (call once, at the end). */
export function drawFooters(sheet: Sheet, footer: Footer): void {
  const { writer } = sheet
  const total = sheet.pages.length
  sheet.pages.forEach((page, index) => {
    const top = MARGIN_BOTTOM + footer.height
    page.drawLine({ start: { x: LEFT, y: top }, end: { x: RIGHT, y: top }, thickness: 0.5, color: writer.theme.rule })
    const first = top - 8 - FOOTER_STYLE.size
    let y = first
    for (const line of footer.lines) {
      writer.line(page, line, LEFT, y, { ...FOOTER_STYLE, color: writer.theme.muted })
      y -= FOOTER_STYLE.size * LINE_HEIGHT
    }
    writer.line(page, `Page ${index + 1} / ${total}`, RIGHT, first, { size: 7.5, color: writer.theme.ink, align: 'right' })
  })
}
