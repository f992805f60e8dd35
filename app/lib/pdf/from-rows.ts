// Mapping from database rows (snake_case, as supabase-js returns them) to the
// PDF inputs, for the two shapes whose column names differ most from the PDF
// vocabulary. Structural types: any object with these columns fits, so this
// file does not depend on the generated database types.
import type { PdfClientInput, PdfSellerInput } from './schema.ts'

/** Columns of `public.settings` the PDFs print. */
export interface SettingsRow {
  company_name: string
  accent_color: string
  legal_name?: string | null
  legal_form?: string | null
  capital?: string | null
  ncc?: string | null
  rccm?: string | null
  tax_regime?: string | null
  address?: string | null
  city?: string | null
  country?: string | null
  phone?: string | null
  email?: string | null
  website?: string | null
  bank_name?: string | null
  bank_account_holder?: string | null
  bank_account_number?: string | null
  bank_iban?: string | null
  bank_swift?: string | null
  invoice_footer?: string | null
  quote_terms?: string | null
  manual_payment_instructions?: string | null
  online_payment_enabled?: boolean | null
}

/**
 * The seller block of every PDF from the settings row. `logo`: the bytes of
 * the object at `settings.logo_path` (downloaded by the caller); `portalUrl`:
 * the app's public URL, printed on invoices when online payment is enabled.
 */
export function sellerFromSettings(
  settings: SettingsRow,
  { logo, portalUrl }: { logo?: Uint8Array | ArrayBuffer | null; portalUrl?: string | null } = {},
): PdfSellerInput {
  return {
    name: settings.company_name,
    accentColor: settings.accent_color,
    logo: logo ?? undefined,
    legalName: settings.legal_name,
    legalForm: settings.legal_form,
    capital: settings.capital,
    ncc: settings.ncc,
    rccm: settings.rccm,
    taxRegime: settings.tax_regime,
    address: settings.address,
    city: settings.city,
    country: settings.country,
    phone: settings.phone,
    email: settings.email,
    website: settings.website,
    bank: {
      bankName: settings.bank_name,
      accountHolder: settings.bank_account_holder,
      accountNumber: settings.bank_account_number,
      iban: settings.bank_iban,
      swift: settings.bank_swift,
    },
    invoiceFooter: settings.invoice_footer,
    quoteTerms: settings.quote_terms,
    paymentInstructions: settings.manual_payment_instructions,
    portalUrl: settings.online_payment_enabled === false ? undefined : (portalUrl ?? undefined),
  }
}

/** Columns of `public.clients` the PDFs print. */
export interface ClientRow {
  name: string
  contact_name?: string | null
  address?: string | null
  city?: string | null
  country?: string | null
  email?: string | null
  phone?: string | null
  ncc?: string | null
  rccm?: string | null
}

/** The client block of a PDF from a `clients` row. */
export function clientFromRow(client: ClientRow): PdfClientInput {
  return {
    name: client.name,
    contactName: client.contact_name,
    address: client.address,
    city: client.city,
    country: client.country,
    email: client.email,
    phone: client.phone,
    ncc: client.ncc,
    rccm: client.rccm,
  }
}
