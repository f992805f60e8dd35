// The one renderer of the editable e-mail templates (public.email_templates).
// Isomorphic on purpose: the admin settings page uses it in the browser for
// its live preview, and the notifications use it on the server to build the
// mails that are actually sent, so what the admin sees is what goes out.
//
// Placeholders are `{{name}}` (spaces tolerated: `{{ name }}`). A template
// only ever receives the variables listed in its `variables` column:
// - preview (renderTemplate): an unknown or missing placeholder stays visible
//   as typed, so the admin sees the mistake before saving;
// - sending (renderEmail): it is dropped, never sent as `{{…}}` and never
//   filled with a value the template was not allowed to use. The caller gets
//   the names back (`missing`) to log them.
// Values are plain text. The HTML part escapes every byte of the template and
// of the values; only the `lien` variable becomes a clickable link, and only
// when it is an http(s) URL (a client's ticket text is never turned into one).

export const PLACEHOLDER = /\{\{\s*([a-z_]+)\s*\}\}/g

/** Variables whose http(s) value is rendered as a link in the HTML part. */
const LINK_VARIABLES = new Set(['lien'])

/** {{variable}} names used in a template text, each once. */
export function templateVariables(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]))]
}

/** Fills {{variables}} for the admin's preview; unknown ones stay visible so the mistake shows. */
export function renderTemplate(text: string, values: Record<string, string>): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => values[name] ?? whole)
}

export interface EmailTemplate {
  subject: string
  body: string
  /** Allowed variables (email_templates.variables). */
  variables: readonly string[]
}

export interface RenderedEmail {
  subject: string
  text: string
  html: string
  /** Placeholders left empty: not allowed for this template, or no value given. */
  missing: string[]
}

type Piece = { kind: 'text'; value: string } | { kind: 'var'; name: string; value: string | null }

function pieces(text: string, allowed: ReadonlySet<string>, values: Record<string, string | null | undefined>): Piece[] {
  const out: Piece[] = []
  let last = 0
  for (const match of text.matchAll(PLACEHOLDER)) {
    if (match.index > last) out.push({ kind: 'text', value: text.slice(last, match.index) })
    const name = match[1]
    const value = allowed.has(name) ? values[name] : undefined
    out.push({ kind: 'var', name, value: value === undefined || value === null ? null : String(value) })
    last = match.index + match[0].length
  }
  if (last < text.length) out.push({ kind: 'text', value: text.slice(last) })
  return out
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!)
}

const isHttpUrl = (value: string) => {
  try {
    const url = new URL(value)
    return url.protocol === 'https:' || url.protocol === 'http:'
  } catch {
    return false
  }
}

/** Plain text → HTML paragraphs: a blank line separates paragraphs, a single newline is a <br>. */
function paragraphs(html: string): string {
  return html
    .replace(/\r\n?/g, '\n')
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p style="margin:0 0 16px">${p.replace(/\n/g, '<br>')}</p>`)
    .join('\n')
}

/**
 * Renders a template for sending: subject (one line), text part and HTML part.
 * `agence` in values names the sender in the HTML footer.
 */
export function renderEmail(template: EmailTemplate, values: Record<string, string | null | undefined>): RenderedEmail {
  const allowed = new Set(template.variables)
  const missing = new Set<string>()
  const asText = (list: Piece[]) =>
    list
      .map((p) => {
        if (p.kind === 'text') return p.value
        if (p.value === null) missing.add(p.name)
        return p.value ?? ''
      })
      .join('')

  const subjectPieces = pieces(template.subject, allowed, values)
  const bodyPieces = pieces(template.body, allowed, values)
  // A header must stay on one line whatever a value contains. Only line
  // breaks and tabs are folded: the no-break spaces of formatXOF() stay.
  const subject = asText(subjectPieces).replace(/[\r\n\t\v\f]+/g, ' ').replace(/ {2,}/g, ' ').trim()
  const text = asText(bodyPieces).replace(/\r\n?/g, '\n').trim()
  const bodyHtml = bodyPieces
    .map((p) => {
      if (p.kind === 'text') return escapeHtml(p.value)
      if (p.value === null) return ''
      if (LINK_VARIABLES.has(p.name) && isHttpUrl(p.value)) {
        const href = escapeHtml(p.value)
        return `<a href="${href}" style="color:#111;font-weight:600">${href}</a>`
      }
      return escapeHtml(p.value)
    })
    .join('')

  const sender = typeof values.agence === 'string' && values.agence ? values.agence : 'NOURX'
  const html = `<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(subject)}</title></head>
<body style="margin:0;padding:0;background:#f5f5f5">
<div style="max-width:560px;margin:0 auto;padding:24px 16px;font:15px/1.55 -apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;color:#111">
<div style="background:#fff;border:1px solid #e5e5e5;border-radius:8px;padding:24px">
${paragraphs(bodyHtml)}
</div>
<p style="margin:16px 0 0;font-size:12px;color:#666">${escapeHtml(sender)} — espace client</p>
</div></body></html>`

  return { subject, text, html, missing: [...missing] }
}

/** Sample values for the admin's preview of the templates. */
export const TEMPLATE_SAMPLE: Record<string, string> = {
  prenom: 'Aïcha',
  nom: 'Aïcha Koné',
  email: 'aicha.kone@exemple.ci',
  entreprise: 'ACME Côte d’Ivoire',
  agence: 'NOURX',
  lien: 'https://espace.nourx.ci/…',
  numero: 'FAC-2026-00042',
  montant: '1 180 000 F CFA',
  solde: '590 000 F CFA',
  echeance: '15 décembre 2026',
  recu: 'REC-2026-00017',
  validite: '31 décembre 2026',
  sujet: 'Erreur sur la page de paiement',
  extrait: 'Bonjour, nous avons corrigé le problème…',
  jalon: 'Maquettes validées',
  projet: 'Refonte du site',
  motif: 'Je quitte l’entreprise.',
}
