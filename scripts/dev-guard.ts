// Preloaded into the Vite dev server by scripts/dev.ts (`node --import`).
//
// React Router's dev server regenerates route types into the shared
// `.react-router/types` folder whenever routes change. Several dev servers
// in one checkout (the developer's, E2E stacks of parallel test runs) race
// there: one deletes the folder while another writes, and the loser's
// promise rejection would crash its dev server. Types are for the editor and
// `npm run typecheck`, never for serving pages: log the race and keep going.
process.on('unhandledRejection', (reason) => {
  const error = reason as NodeJS.ErrnoException | undefined
  const path = String(error?.path ?? '')
  if (error?.code === 'ENOENT' && path.includes('.react-router')) {
    console.warn(`[dev] types React Router non écrits (course entre serveurs de dev) : ${path}`)
    return
  }
  console.error(reason)
  process.exit(1)
})
