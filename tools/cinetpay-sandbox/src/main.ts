// `node tools/cinetpay-sandbox/src/main.ts`: runs the CinetPay sandbox in the
// foreground until SIGINT/SIGTERM. Configuration comes from the environment;
// the defaults are the local development credentials (never real ones).
import { LOCAL_DEFAULTS } from './defaults.ts'
import { startCinetPaySandbox } from './server.ts'

function portFromEnv(value: string | undefined): number {
  if (value === undefined || value === '') return LOCAL_DEFAULTS.port
  const port = Number(value)
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    console.error(`✖ CINETPAY_SANDBOX_PORT invalide : « ${value} »`)
    process.exit(1)
  }
  return port
}

const env = process.env
let sandbox: Awaited<ReturnType<typeof startCinetPaySandbox>>
try {
  sandbox = await startCinetPaySandbox({
    port: portFromEnv(env.CINETPAY_SANDBOX_PORT),
    hostname: env.CINETPAY_SANDBOX_HOST || undefined,
    publicUrl: env.CINETPAY_SANDBOX_PUBLIC_URL || undefined,
    apiKey: env.CINETPAY_APIKEY || LOCAL_DEFAULTS.apiKey,
    siteId: env.CINETPAY_SITE_ID || LOCAL_DEFAULTS.siteId,
    secretKey: env.CINETPAY_SECRET_KEY || LOCAL_DEFAULTS.secretKey,
    quiet: env.CINETPAY_SANDBOX_QUIET === '1',
  })
} catch (e) {
  const code = (e as NodeJS.ErrnoException)?.code
  console.error(
    code === 'EADDRINUSE'
      ? `\n✖ Le port ${env.CINETPAY_SANDBOX_PORT ?? LOCAL_DEFAULTS.port} est déjà utilisé (CINETPAY_SANDBOX_PORT).\n`
      : `\n✖ Le bac à sable CinetPay n’a pas pu démarrer : ${e}\n`,
  )
  process.exit(1)
}

console.log(`
Bac à sable CinetPay prêt

  CINETPAY_API_URL: ${sandbox.url}
          site_id: ${env.CINETPAY_SITE_ID || LOCAL_DEFAULTS.siteId}
     Transactions: ${sandbox.url}/
`)

let stopping = false
async function shutdown(signal: string) {
  if (stopping) return
  stopping = true
  console.log(`\n${signal} reçu, arrêt du bac à sable CinetPay…`)
  try {
    await sandbox.stop()
  } finally {
    process.exit(0)
  }
}
process.on('SIGINT', () => void shutdown('SIGINT'))
process.on('SIGTERM', () => void shutdown('SIGTERM'))
