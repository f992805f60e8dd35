// The sandbox's checkout page (stands in for checkout.cinetpay.com): plain
// French HTML, black and white, no JavaScript except the auto-submitting
// return form. The tester picks the outcome CinetPay and the operator would
// have produced.
import { OPERATORS, OPERATOR_NAMES, phaseAt, type StoredTransaction } from './store.ts'

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`)
}

export function formatAmount(amount: number, currency: string): string {
  const n = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 }).format(amount)
  return currency === 'XOF' || currency === 'XAF' ? `${n} F CFA` : `${n} ${currency}`
}

const STYLE = `
  *{box-sizing:border-box}
  input,select{accent-color:#000}
  body{margin:0;background:#fff;color:#000;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
  main{max-width:34rem;margin:2rem auto;padding:0 1rem}
  header{border-bottom:2px solid #000;padding-bottom:.5rem;margin-bottom:1.5rem;display:flex;justify-content:space-between;align-items:baseline;gap:1rem}
  header strong{font-size:1.1rem;letter-spacing:.02em}
  header span{font-size:.8rem;text-transform:uppercase;border:1px solid #000;padding:0 .4rem}
  h1{font-size:1.4rem;margin:.25rem 0 1rem}
  dl{display:grid;grid-template-columns:auto 1fr;gap:.25rem 1rem;margin:0 0 1.5rem}
  dt{color:#444}
  dd{margin:0;font-weight:600;word-break:break-word}
  .amount{font-size:2rem;font-weight:700;margin:.5rem 0 1.5rem}
  fieldset{border:1px solid #000;margin:0 0 1rem;padding:.75rem 1rem}
  legend{font-weight:700;padding:0 .25rem}
  label{display:block;margin:.35rem 0}
  .field{margin:.35rem 0}
  .field label{margin:0 0 .2rem}
  input[type=number],input[type=text],select{font:inherit;border:1px solid #000;padding:.35rem .5rem;background:#fff;color:#000;width:100%}
  .row{display:grid;grid-template-columns:1fr 1fr;gap:.75rem}
  button{font:inherit;font-weight:700;background:#000;color:#fff;border:2px solid #000;padding:.7rem 1.2rem;cursor:pointer;width:100%}
  button:focus-visible,input:focus-visible,select:focus-visible{outline:3px solid #000;outline-offset:2px}
  .note{font-size:.85rem;color:#444}
  .box{border:2px solid #000;padding:1rem;margin-bottom:1rem}
  table{border-collapse:collapse;width:100%;font-size:.85rem}
  td,th{border-bottom:1px solid #000;text-align:left;padding:.3rem .4rem}
`

export function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · CinetPay (bac à sable)</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<header><strong>CinetPay</strong><span>Bac à sable local</span></header>
${body}
</main>
</body>
</html>`
}

export function messagePage(title: string, text: string, extra = ''): string {
  return page(title, `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p>${extra}`)
}

function summary(tx: StoredTransaction, merchantName: string): string {
  return `
<dl>
  <dt>Marchand</dt><dd>${escapeHtml(merchantName)}</dd>
  <dt>Description</dt><dd>${escapeHtml(tx.description)}</dd>
  <dt>Transaction</dt><dd>${escapeHtml(tx.transactionId)}</dd>
</dl>
<p class="amount">${escapeHtml(formatAmount(tx.amount, tx.currency))}</p>`
}

/** A labelled control; `control` must carry id="<id>". */
function field(id: string, label: string, control: string): string {
  return `<div class="field"><label for="${id}">${escapeHtml(label)}</label>${control}</div>`
}

function radio(value: string, label: string, checked = false): string {
  return `<label><input type="radio" name="outcome" value="${value}"${checked ? ' checked' : ''} required> ${escapeHtml(label)}</label>`
}

export function checkoutPage(tx: StoredTransaction, merchantName: string): string {
  const lockedPhone = tx.lockPhoneNumber ? tx.customer.customer_phone_number : ''
  const mobile = tx.mobileAllowed
    ? `
<fieldset>
  <legend>Mobile Money</legend>
  ${radio('accepted', 'Paiement accepté', true)}
  ${radio('refused', 'Paiement refusé par l’opérateur')}
  ${radio('waiting_then_accepted', 'En attente de confirmation, puis accepté')}
  ${radio('waiting_then_cancelled', 'En attente de confirmation, puis annulé')}
  <div class="row">
    ${field('operator', 'Opérateur', `<select id="operator" name="operator">${OPERATOR_NAMES.map((o) => `<option value="${o}">${escapeHtml(OPERATORS[o].label)}</option>`).join('')}</select>`)}
    ${field('phone', 'Numéro (facultatif)', `<input id="phone" type="text" name="phone" inputmode="tel" value="${escapeHtml(lockedPhone)}"${tx.lockPhoneNumber ? ' readonly' : ''} placeholder="0707000001">`)}
  </div>
  ${field('wait_seconds', 'Attente avant confirmation (secondes)', '<input id="wait_seconds" type="number" name="wait_seconds" min="0" step="any" value="10">')}
</fieldset>`
    : ''
  const card = tx.cardAllowed
    ? `<fieldset><legend>Carte bancaire</legend>${radio('card_accepted', 'Carte acceptée (Visa / Mastercard)', !tx.mobileAllowed)}</fieldset>`
    : ''
  const cardNote =
    !tx.cardAllowed && tx.channels.some((c) => c === 'ALL' || c === 'CREDIT_CARD')
      ? `<p class="note">Carte bancaire indisponible : les informations client (customer_*) sont incomplètes ou la devise ne l’autorise pas.</p>`
      : ''
  return page(
    'Paiement',
    `<h1>Paiement</h1>
${summary(tx, merchantName)}
<form method="post" action="/checkout/${encodeURIComponent(tx.token)}">
${mobile}${card}${cardNote}
<fieldset>
  <legend>Abandon</legend>
  ${radio('cancelled', 'Le client annule le paiement', !tx.mobileAllowed && !tx.cardAllowed)}
</fieldset>
<fieldset>
  <legend>Notifications (tests)</legend>
  <div class="row">
    ${field('duplicates', 'Doublons à envoyer', '<input id="duplicates" type="number" name="duplicates" min="0" max="50" step="1" value="0">')}
    ${field('notification_delay_seconds', 'Délai d’envoi (secondes)', '<input id="notification_delay_seconds" type="number" name="notification_delay_seconds" min="0" step="any" value="0">')}
  </div>
</fieldset>
<button type="submit">Valider</button>
</form>
<p class="note">Page de test : aucun paiement réel n’est effectué.</p>`,
  )
}

const PHASE_LABELS = {
  CREATED: 'En attente du client',
  WAITING: 'En attente de confirmation',
  ACCEPTED: 'Paiement accepté',
  REFUSED: 'Paiement refusé ou annulé',
} as const

export function phaseLabel(tx: StoredTransaction, now = Date.now()): string {
  return PHASE_LABELS[phaseAt(tx, now)]
}

/** After the choice: back to return_url by POST, as CinetPay does, carrying transaction_id and token. */
export function returnPage(tx: StoredTransaction, merchantName: string): string {
  return page(
    'Retour au marchand',
    `<h1>${escapeHtml(phaseLabel(tx))}</h1>
${summary(tx, merchantName)}
<form id="retour" method="post" action="${escapeHtml(tx.returnUrl)}">
  <input type="hidden" name="transaction_id" value="${escapeHtml(tx.transactionId)}">
  <input type="hidden" name="token" value="${escapeHtml(tx.token)}">
  <p class="note">Retour vers ${escapeHtml(merchantName)}…</p>
  <button type="submit">Retourner chez le marchand</button>
</form>
<script>document.getElementById('retour').submit()</script>`,
  )
}

/** The transaction was already handled: show its state and offer the way back. */
export function alreadyDonePage(tx: StoredTransaction, merchantName: string): string {
  return page(
    'Transaction déjà traitée',
    `<h1>Transaction déjà traitée</h1>
${summary(tx, merchantName)}
<div class="box">${escapeHtml(phaseLabel(tx))}</div>
<form method="post" action="${escapeHtml(tx.returnUrl)}">
  <input type="hidden" name="transaction_id" value="${escapeHtml(tx.transactionId)}">
  <input type="hidden" name="token" value="${escapeHtml(tx.token)}">
  <button type="submit">Retourner chez le marchand</button>
</form>`,
  )
}

export function indexPage(transactions: StoredTransaction[], merchantName: string): string {
  const rows = transactions
    .slice()
    .reverse()
    .slice(0, 50)
    .map(
      (tx) => `<tr><td><a href="/checkout/${encodeURIComponent(tx.token)}">${escapeHtml(tx.transactionId)}</a></td>
<td>${escapeHtml(formatAmount(tx.amount, tx.currency))}</td><td>${escapeHtml(phaseLabel(tx))}</td>
<td>${tx.notifications.length}</td><td>${tx.checks.length}</td></tr>`,
    )
    .join('')
  return page(
    'Transactions',
    `<h1>Bac à sable CinetPay — ${escapeHtml(merchantName)}</h1>
<p class="note">Transactions en mémoire (50 dernières). API : <code>POST /v2/payment</code>, <code>POST /v2/payment/check</code>, contrôle : <code>/__sandbox/*</code>.</p>
<table><thead><tr><th>Transaction</th><th>Montant</th><th>État</th><th>Notif.</th><th>Vérif.</th></tr></thead>
<tbody>${rows || '<tr><td colspan="5">Aucune transaction.</td></tr>'}</tbody></table>`,
  )
}
