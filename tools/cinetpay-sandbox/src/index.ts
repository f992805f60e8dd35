// Public surface of the CinetPay sandbox, for the dev script, integration
// tests and benchmarks.
export { startCinetPaySandbox, DEFAULT_FAULTS, SandboxError } from './server.ts'
export type { CinetPaySandbox, CinetPaySandboxOptions, CompleteOptions, SandboxFaults, TransactionSnapshot } from './server.ts'
export { LOCAL_DEFAULTS } from './defaults.ts'
export { OUTCOMES, OPERATORS, type Outcome, type Operator, type NotificationLog, type Phase } from './store.ts'
export { CINETPAY_HMAC_FIELDS, signXToken, verifyXToken, xTokenMessage } from './xtoken.ts'
export type { CheckBody, CheckData } from './check.ts'
