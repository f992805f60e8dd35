// How documents are shown: folders and inline preview. Kept apart from
// files.ts (types and limits) so that pages listing documents do not download
// the upload tables (docs/decisions/007-client-bundle-budget.md).

/** Images and PDFs open in the page; anything else is downloaded. */
export const isPreviewable = (mime: string) => mime === 'application/pdf' || /^image\/(png|jpeg|gif|webp)$/.test(mime)

/** Folder shown for the company-level documents (no project). */
export const GENERAL_FOLDER = 'Documents de l’entreprise'

/** Folder of a row as shown: its own folder inside the project, one folder for company-level files. */
export const shownFolder = (doc: { project_id: string | null; folder: string }) =>
  doc.project_id ? doc.folder : GENERAL_FOLDER
