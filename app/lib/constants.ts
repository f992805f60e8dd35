/** Matches supabase/config.toml `minimum_password_length`. */
export const MIN_PASSWORD_LENGTH = 8
