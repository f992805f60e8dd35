// /documents loaders, the upload resource route (sign → PUT → confirm) and
// the download route, in workerd, against the local stack.
import { describe, expect, it } from 'vitest'
import { loader as downloadLoader } from '~/routes/api.documents.$id.telecharger.tsx'
import { action as uploadAction, loader as uploadLoader } from '~/routes/api.documents.televersement.tsx'
import { loader as previewLoader } from '~/routes/_client.documents.$id.tsx'
import { loader as listLoader } from '~/routes/_client.documents._index.tsx'
import { ACME, adminClient, ADMIN, BAOBAB, callAction, callLoader, IDS } from './client-support.ts'

const endpoint = '/api/documents/televersement'

async function sign(
  as: string,
  files: { name: string; size: number; type: string }[],
  extra: Record<string, unknown> = {},
) {
  return callAction(uploadAction, {
    as,
    path: endpoint,
    json: { intent: 'sign', projectId: IDS.acmeProject, files, ...extra },
  })
}

async function put(upload: { signedUrl: string; contentType: string }, apikey: string, bytes: Uint8Array<ArrayBuffer>) {
  return fetch(upload.signedUrl, {
    method: 'PUT',
    headers: { 'Content-Type': upload.contentType, apikey },
    body: bytes,
  })
}

describe('documents loaders', () => {
  it('lists the project’s client-visible documents and the company’s general ones, with the uploader', async () => {
    const { status, data } = await callLoader(listLoader, { as: ACME, path: '/documents' })
    expect(status).toBe(200)
    const names = data.documents.map((d: { file_name: string }) => d.file_name)
    expect(names).toEqual(
      expect.arrayContaining(['cahier-des-charges.pdf', 'maquette-accueil.png', 'avis-de-virement.pdf']),
    )
    expect(names).not.toContain('notes-internes.txt')
    expect(data.folders.map((f: { name: string }) => f.name)).toEqual(
      expect.arrayContaining(['Maquettes', 'Documents de l’entreprise']),
    )
    const logo = data.documents.find((d: { file_name: string }) => d.file_name === 'logo-acme.png')
    expect(logo.profiles.full_name).toBe('Aïcha Coulibaly')
    const filtered = await callLoader(listLoader, { as: ACME, path: '/documents?dossier=Maquettes' })
    expect(filtered.data.folder).toBe('Maquettes')
    expect((await callLoader(listLoader, { as: ACME, path: '/documents?dossier=Inconnu' })).data.folder).toBeNull()
  })

  it('previews an image through a short-lived inline signed URL; 404 elsewhere, no storage path leaked', async () => {
    const ok = await callLoader(previewLoader, { as: ACME, path: '/documents/x', params: { id: IDS.acmeImage } })
    expect(ok.status).toBe(200)
    expect(ok.data.previewUrl).toMatch(/\/storage\/v1\/object\/sign\/project-files\/.+\?token=/)
    expect(ok.data.document.path).toBeUndefined()
    const image = await fetch(ok.data.previewUrl)
    expect(image.status).toBe(200)
    expect(image.headers.get('content-type')).toBe('image/png')
    for (const [who, id] of [
      [BAOBAB, IDS.acmeImage],
      [ACME, IDS.acmeInternalDoc],
      [ACME, IDS.baobabDoc],
      [ACME, 'nope'],
    ] as const) {
      const res = await callLoader(previewLoader, { as: who, path: '/documents/x', params: { id } })
      expect(res.status, `${who} ${id}`).toBe(404)
    }
  })
})

describe('download route', () => {
  it('redirects to a 60-second signed URL that serves the exact bytes under the original name', async () => {
    const res = await callLoader(downloadLoader, {
      as: ACME,
      path: `/api/documents/${IDS.acmeImage}/telecharger`,
      params: { id: IDS.acmeImage },
    })
    expect(res.status).toBe(302)
    const url = new URL(res.location!)
    expect(url.pathname).toMatch(/^\/storage\/v1\/object\/sign\/project-files\//)
    expect(url.searchParams.get('download')).toBe('maquette-accueil.png')
    const token = url.searchParams.get('token')!
    const claims = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')))
    expect(claims.exp - claims.iat).toBe(60)
    const file = await fetch(url)
    expect(file.headers.get('content-disposition')).toContain('attachment')
    const { data: original } = await adminClient()
      .storage.from('project-files')
      .download(
        '20000000-0000-4000-8000-000000000001/30000000-0000-4000-8000-000000000001/60000000-0000-4000-8000-000000000002-maquette-accueil.png',
      )
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(new Uint8Array(await original!.arrayBuffer()))
  })

  it('answers 404 without a Location for documents the caller cannot see', async () => {
    for (const [who, id] of [
      [BAOBAB, IDS.acmeImage],
      [ACME, IDS.acmeInternalDoc],
      [ACME, crypto.randomUUID()],
    ] as const) {
      const res = await callLoader(downloadLoader, {
        as: who,
        path: `/api/documents/${id}/telecharger`,
        params: { id },
      })
      expect(res.status, `${who} ${id}`).toBe(404)
      expect(res.location ?? null).toBeNull()
    }
    expect(
      (
        await callLoader(downloadLoader, {
          as: null,
          path: '/api/documents/x/telecharger',
          params: { id: IDS.acmeImage },
        })
      ).status,
    ).toBe(302)
  })
})

describe('upload route', () => {
  it('signs, receives the bytes, records the row only for the object that exists, and downloads them back identical', async () => {
    const bytes = new Uint8Array(4096).map((_, i) => (i * 37) % 256)
    const signed = await sign(ACME, [
      { name: 'Procès-verbal de réunion.pdf', size: bytes.length, type: 'application/pdf' },
    ])
    expect(signed.status).toBe(200)
    const [upload] = signed.data.uploads
    expect(upload.path).toMatch(
      new RegExp(`^${IDS.acmeClient}/${IDS.acmeProject}/[0-9a-f-]{36}-proces-verbal-de-reunion\\.pdf$`),
    )
    // Not uploaded yet: confirm refuses, no row.
    const early = await callAction(uploadAction, {
      as: ACME,
      path: endpoint,
      json: {
        intent: 'confirm',
        projectId: IDS.acmeProject,
        folder: 'Comptes rendus',
        files: [{ path: upload.path, fileName: 'Procès-verbal de réunion.pdf' }],
      },
    })
    expect(early.status).toBe(400)
    expect(early.data.problems[0]).toContain('n’est pas arrivé')

    expect((await put(upload, signed.data.apikey, bytes)).status).toBe(200)
    const confirmed = await callAction(uploadAction, {
      as: ACME,
      path: endpoint,
      json: {
        intent: 'confirm',
        projectId: IDS.acmeProject,
        folder: 'Comptes rendus',
        files: [{ path: upload.path, fileName: 'Procès-verbal de réunion.pdf' }],
      },
    })
    expect(confirmed.status).toBe(200)
    const [doc] = confirmed.data.documents
    const { data: row } = await adminClient().from('documents').select('*').eq('id', doc.id).single()
    expect(row).toMatchObject({
      file_name: 'Procès-verbal de réunion.pdf',
      size_bytes: bytes.length,
      mime_type: 'application/pdf',
      folder: 'Comptes rendus',
      visibility: 'client',
      path: upload.path,
    })
    const download = await callLoader(downloadLoader, { as: ACME, path: '/x', params: { id: doc.id } })
    const back = new Uint8Array(await (await fetch(download.location!)).arrayBuffer())
    expect(back).toEqual(bytes)
  })

  it('attaches uploads to a visible task, and refuses a task the caller cannot see', async () => {
    const bytes = new TextEncoder().encode('capture')
    const signed = await sign(ACME, [{ name: 'capture.txt', size: bytes.length, type: 'text/plain' }], {
      taskId: IDS.acmeTask,
    })
    expect(signed.status).toBe(200)
    await put(signed.data.uploads[0], signed.data.apikey, bytes)
    const confirmed = await callAction(uploadAction, {
      as: ACME,
      path: endpoint,
      json: {
        intent: 'confirm',
        projectId: IDS.acmeProject,
        folder: 'Tâches',
        taskId: IDS.acmeTask,
        files: [{ path: signed.data.uploads[0].path, fileName: 'capture.txt' }],
      },
    })
    expect(confirmed.status).toBe(200)
    const { count } = await adminClient()
      .from('task_attachments')
      .select('id', { count: 'exact', head: true })
      .eq('task_id', IDS.acmeTask)
      .eq('document_id', confirmed.data.documents[0].id)
    expect(count).toBe(1)
    const internal = await sign(ACME, [{ name: 'a.txt', size: 1, type: 'text/plain' }], {
      taskId: IDS.acmeInternalTask,
    })
    expect(internal).toMatchObject({ status: 404, data: { message: 'Cette tâche est introuvable.' } })
  })

  it('enforces size, type and count limits with French messages', async () => {
    const tooBig = await sign(ACME, [{ name: 'video.pdf', size: 26_214_401, type: 'application/pdf' }])
    expect(tooBig.status).toBe(400)
    expect(tooBig.data.problems).toEqual(['Fichier trop volumineux (25 Mo au plus).'])
    const exe = await sign(ACME, [{ name: 'setup.exe', size: 10, type: 'application/x-msdownload' }])
    expect(exe.status).toBe(400)
    expect(exe.data.problems[0]).toBe(
      '« setup.exe » n’est pas d’un type accepté (PDF, images, documents Office ou OpenDocument, ZIP, texte, CSV).',
    )
    const many = await sign(
      ACME,
      Array.from({ length: 11 }, (_, i) => ({ name: `f${i}.txt`, size: 1, type: 'text/plain' })),
    )
    expect(many.status).toBe(400)
    expect(many.data.problems).toEqual(['10 fichiers au plus par envoi.'])
    // A browser lying about the type: the bucket refuses the bytes.
    const liar = await sign(ACME, [{ name: 'image.png', size: 3, type: 'image/png' }])
    const res = await put(
      { ...liar.data.uploads[0], contentType: 'application/x-msdownload' },
      liar.data.apikey,
      new Uint8Array([1, 2, 3]),
    )
    expect(res.status).toBeGreaterThanOrEqual(400)
  })

  it('refuses another company’s project (404, no URL signed), foreign paths, bad JSON, admins and anonymous callers', async () => {
    const foreign = await sign(BAOBAB, [{ name: 'a.pdf', size: 10, type: 'application/pdf' }])
    expect(foreign.status).toBe(404)
    expect(JSON.stringify(foreign.data)).not.toContain('signedUrl')
    const forged = await callAction(uploadAction, {
      as: ACME,
      path: endpoint,
      json: {
        intent: 'confirm',
        projectId: IDS.acmeProject,
        folder: 'X',
        files: [{ path: `${IDS.acmeClient}/${IDS.baobabProject}/${crypto.randomUUID()}-a.pdf`, fileName: 'a.pdf' }],
      },
    })
    expect(forged).toMatchObject({ status: 400, data: { message: 'Chemin de fichier invalide.' } })
    expect(
      (
        await callAction(uploadAction, {
          as: ACME,
          path: endpoint,
          json: { intent: 'sign', projectId: 'x', files: [] },
        })
      ).status,
    ).toBe(400)
    expect((await callAction(uploadAction, { as: ADMIN, path: endpoint, json: { intent: 'sign' } })).status).toBe(403)
    expect((await callAction(uploadAction, { as: null, path: endpoint, json: { intent: 'sign' } })).status).toBe(302)
    expect((await callLoader(uploadLoader, { as: ACME, path: endpoint })).status).toBe(405)
  })
})
