/*
 * E-mail templates telling a person what became of their RGPD deletion
 * request (docs/decisions/006-account-deletion-processing.md).
 *
 * Processing erases the person's access and personal data; refusing keeps
 * them with NOURX's reason. Either way the person is told, in writing, at the
 * address they had on file (the app captures it before processing scrambles
 * it). Product defaults, like the other templates: the admin edits them in
 * Paramètres → E-mails. Not tied to a notification preference: an answer to
 * a legal request is not a notification one may switch off.
 */
insert into public.email_templates (key, name, description, subject, body, variables) values
('account_deletion_processed', 'Compte supprimé (RGPD)', 'Confirme à la personne que sa demande de suppression a été traitée.',
 'Votre compte {{agence}} a été supprimé',
 E'Bonjour {{prenom}},\n\nComme vous l''avez demandé le {{date_demande}}, votre compte de l''espace client {{agence}} a été supprimé : vous n''y avez plus accès et vos données personnelles (nom, téléphone, photo, préférences) ont été effacées.\n\nLes factures, paiements et échanges liés à votre entreprise restent conservés, comme la loi comptable l''exige.\n\nCordialement,\nL''équipe {{agence}}',
 array['prenom', 'date_demande', 'agence']),
('account_deletion_rejected', 'Demande de suppression refusée (RGPD)', 'Explique à la personne pourquoi sa demande de suppression n''a pas été traitée.',
 'Votre demande de suppression de compte',
 E'Bonjour {{prenom}},\n\nNous ne pouvons pas donner suite, pour le moment, à votre demande de suppression de compte du {{date_demande}} :\n\n{{motif}}\n\nVous pouvez en déposer une nouvelle depuis vos paramètres : {{lien}}\n\nCordialement,\nL''équipe {{agence}}',
 array['prenom', 'date_demande', 'motif', 'lien', 'agence'])
on conflict (key) do nothing;
