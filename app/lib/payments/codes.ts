// CinetPay checkout v2 codes (cinetpay.md §4) with what each means for us and
// the French sentence a client sees. `code` is always a string on the wire
// ("00", "201", "627"); compare strings, never numbers.
//
// Official codes come from the docs' code table (D-TAB). The 603/635/636/641/
// 642/664/8xx codes come from a CinetPay developer's draft and 613 from a
// community integration: they are here so a message is never blank, not
// because their exact semantics are guaranteed.
//
// Client-facing messages never expose configuration details (a wrong apikey is
// "indisponible", not "clé API invalide"): the admin sees the raw code, message
// and description in the payments journal.

export type CinetPayCodeCategory =
  /** 00: the payment is confirmed (still to be matched against the attempt). */
  | 'accepted'
  /** 201: payment initialised. */
  | 'created'
  /** The customer or operator refused / cancelled: final failure. */
  | 'refused'
  /** Waiting for the customer or the operator: check again later. */
  | 'pending'
  /** Our request was wrong (missing/invalid field, duplicate transaction_id…). */
  | 'request-error'
  /** The merchant account or its configuration is the problem (apikey, site_id, subscription). */
  | 'merchant-error'
  /** The operator or CinetPay is unavailable or a limit is reached. */
  | 'unavailable'

export interface CinetPayCodeInfo {
  code: string
  /** CinetPay's `message` constant (for logs; the wire value wins when present). */
  constant: string
  category: CinetPayCodeCategory
  /** French, for the client. */
  userMessage: string
  official: boolean
}

const TRY_LATER = 'Réessayez dans quelques minutes ou contactez NOURX.'
const OFFLINE_ALTERNATIVE = 'Contactez NOURX ou réglez la facture par virement.'

const TABLE: readonly (readonly [string, string, CinetPayCodeCategory, string, boolean])[] = [
  ['00', 'SUCCES', 'accepted', 'Paiement confirmé.', true],
  ['201', 'CREATED', 'created', 'Paiement initialisé.', true],
  ['600', 'PAYMENT_FAILED', 'refused', 'Le paiement n’a pas abouti. Vous pouvez réessayer.', true],
  ['602', 'INSUFFICIENT_BALANCE', 'refused', 'Le solde de votre compte Mobile Money est insuffisant pour ce paiement.', true],
  ['604', 'OTP_CODE_ERROR', 'refused', 'Le code de confirmation (OTP) saisi est incorrect. Vous pouvez réessayer.', true],
  [
    '606',
    'INCORRECT_SETTINGS',
    'refused',
    'Orange Money a refusé le paiement (code incorrect, solde insuffisant, ou même montant payé depuis ce numéro il y a quelques instants). Patientez quelques minutes avant de réessayer.',
    true,
  ],
  [
    '608',
    'MINIMUM_REQUIRED_FIELDS',
    'request-error',
    `Le paiement en ligne n’a pas pu être préparé (informations incomplètes ou invalides). ${TRY_LATER}`,
    true,
  ],
  ['609', 'AUTH_NOT_FOUND', 'merchant-error', `Le paiement en ligne est momentanément indisponible. ${OFFLINE_ALTERNATIVE}`, true],
  ['613', 'ERROR_SITE_ID_NOTVALID', 'merchant-error', `Le paiement en ligne est momentanément indisponible. ${OFFLINE_ALTERNATIVE}`, false],
  ['623', 'WAITING_CUSTOMER_TO_VALIDATE', 'pending', 'Paiement en attente de votre confirmation sur votre téléphone.', true],
  [
    '624',
    'PROCESSING_ERROR',
    'request-error',
    `Le paiement en ligne n’a pas pu être préparé. Pour payer par carte bancaire, votre adresse et votre ville doivent être renseignées dans votre profil. ${TRY_LATER}`,
    true,
  ],
  [
    '625',
    'ABONNEMENT_OR_TRANSACTIONS_EXPIRED',
    'merchant-error',
    `Le paiement en ligne est momentanément indisponible (service de paiement suspendu). ${OFFLINE_ALTERNATIVE}`,
    true,
  ],
  ['627', 'TRANSACTION_CANCEL', 'refused', 'Le paiement a été annulé. Aucun paiement n’a été enregistré ; vous pouvez réessayer.', true],
  ['662', 'WAITING_CUSTOMER_PAYMENT', 'pending', 'Paiement en attente : il n’a pas encore été effectué.', true],
  ['663', 'WAITING_CUSTOMER_OTP_CODE', 'pending', 'Paiement en attente de votre code de confirmation (OTP).', true],
  ['664', 'WAITING_CUSTOMER_PAYMENT_AT_OPERATOR_SIDE', 'pending', 'Paiement en attente de confirmation par votre opérateur.', false],
  ['603', 'SERVICE_UNAVAILABLE', 'unavailable', `Le service de paiement est momentanément indisponible. ${TRY_LATER}`, false],
  ['635', 'ERROR_PHONE_NUMBER_NOT_FOUND', 'refused', 'Ce numéro de téléphone est inconnu de l’opérateur. Vérifiez-le et réessayez.', false],
  ['636', 'ERROR_PHONE_NUMBER_NOT_SUPPORTED', 'refused', 'Ce numéro de téléphone n’est pas pris en charge pour ce moyen de paiement.', false],
  ['641', 'ERROR_AMOUNT_TOO_LOW', 'refused', 'Le montant est inférieur au minimum accepté par ce moyen de paiement.', false],
  ['642', 'ERROR_AMOUNT_TOO_HIGH', 'refused', 'Le montant dépasse le plafond de ce moyen de paiement. Contactez NOURX pour un autre mode de règlement.', false],
  ['804', 'OPERATOR_UNAVAILABLE', 'unavailable', `L’opérateur est momentanément indisponible. ${TRY_LATER}`, false],
  ...(
    [
      ['807', 'DAILY_MAX_NUMBER_TRANSACTION_REACHED', 'journalier'],
      ['808', 'DAILY_MAX_AMOUNT_TRANSACTION_REACHED', 'journalier'],
      ['809', 'MONTHLY_MAX_AMOUNT_TRANSACTION_REACHED', 'mensuel'],
      ['810', 'MONTHLY_MAX_NUMBER_TRANSACTION_REACHED', 'mensuel'],
      ['811', 'WEEKLY_MAX_AMOUNT_TRANSACTION_REACHED', 'hebdomadaire'],
      ['812', 'WEEKLY_MAX_NUMBER_TRANSACTION_REACHED', 'hebdomadaire'],
    ] as const
  ).map(
    ([code, constant, period]) =>
      [code, constant, 'refused', `Le plafond ${period} de votre compte Mobile Money est atteint. Utilisez un autre moyen de paiement.`, false] as const,
  ),
]

export const CINETPAY_CODES: Readonly<Record<string, CinetPayCodeInfo>> = Object.freeze(
  Object.fromEntries(
    TABLE.map(([code, constant, category, userMessage, official]) => [code, { code, constant, category, userMessage, official }]),
  ),
)

/** Codes the docs list as "waiting": never a failure (cinetpay.md §8.2). */
export const PENDING_CODES: readonly string[] = TABLE.filter((row) => row[2] === 'pending').map((row) => row[0])

/** Info for any code; an unknown code gets a neutral message and the 'unavailable' category. */
export function describeCinetPayCode(code: string): CinetPayCodeInfo {
  const known = CINETPAY_CODES[code.trim()]
  if (known) return known
  return {
    code,
    constant: 'UNKNOWN',
    category: 'unavailable',
    userMessage: `Le service de paiement a répondu de façon inattendue (code ${code}). ${TRY_LATER}`,
    official: false,
  }
}

/** French message when the payment could not be initialised because CinetPay is unreachable (timeout, network, 5xx, not JSON). */
export const INIT_UNAVAILABLE_MESSAGE = `Le service de paiement CinetPay ne répond pas pour le moment. Aucun paiement n’a été demandé. ${TRY_LATER}`
