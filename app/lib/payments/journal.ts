// Isomorphic constants of the admin payments journal (the list component
// needs them in the browser; admin-journal.server.ts uses them to query).
export const JOURNAL_PAGE_SIZE = 25
export const JOURNAL_STATUSES = ['pending', 'waiting', 'accepted', 'refused', 'cancelled', 'expired', 'failed', 'flagged'] as const
