// Supabase Auth errors → one French sentence for the person in front of the
// form. Unknown errors are logged with their code and get a neutral message:
// the raw English text never reaches the page.

interface AuthLikeError {
  name?: string
  code?: string
  status?: number
  message?: string
}

const MESSAGES: Record<string, string> = {
  invalid_credentials: 'E-mail ou mot de passe incorrect.',
  email_not_confirmed: 'Votre adresse e-mail n’est pas encore confirmée. Utilisez le lien reçu par e-mail.',
  user_banned: 'Ce compte est suspendu. Contactez NOURX.',
  over_request_rate_limit: 'Trop de tentatives. Patientez quelques instants puis réessayez.',
  over_email_send_rate_limit: 'Un e-mail vient déjà d’être envoyé. Patientez quelques instants avant d’en redemander un.',
  otp_expired: 'Ce lien a expiré ou a déjà été utilisé. Demandez-en un nouveau.',
  flow_state_expired: 'Ce lien a expiré. Demandez-en un nouveau.',
  flow_state_not_found: 'Ce lien a déjà été utilisé ou a expiré. Demandez-en un nouveau.',
  bad_code_verifier:
    'Ouvrez le lien dans le navigateur depuis lequel vous l’avez demandé, ou demandez-en un nouveau.',
  same_password: 'Choisissez un mot de passe différent de l’actuel.',
  weak_password: 'Mot de passe trop faible : utilisez au moins 8 caractères, en mélangeant lettres et chiffres.',
  session_not_found: 'Votre session a expiré. Reconnectez-vous.',
  session_expired: 'Votre session a expiré. Reconnectez-vous.',
  reauthentication_needed: 'Pour des raisons de sécurité, reconnectez-vous avant de modifier votre mot de passe.',
  validation_failed: 'Les informations envoyées sont incomplètes.',
}

export function authErrorMessage(error: AuthLikeError, fallback = 'L’opération a échoué. Réessayez.'): string {
  if (error.name === 'AuthRetryableFetchError' || (error.status !== undefined && error.status >= 500)) {
    return 'Le service de connexion est momentanément indisponible. Réessayez dans un instant.'
  }
  if (error.name === 'AuthPKCECodeVerifierMissingError') return MESSAGES.bad_code_verifier
  if (error.status === 429) return MESSAGES.over_request_rate_limit
  const message = error.code ? MESSAGES[error.code] : undefined
  if (message) return message
  console.warn(`[auth] erreur non traduite : ${error.name ?? ''} ${error.code ?? ''} ${error.status ?? ''} ${error.message ?? ''}`)
  return fallback
}

/** Errors that must not reveal whether an address has an account. */
export function isUnknownAccountError(error: AuthLikeError): boolean {
  return error.code === 'otp_disabled' || error.code === 'signup_disabled' || error.code === 'user_not_found'
}
