/*
 * E-mail templates of the last two notification events a client can choose
 * on /parametres: a document NOURX shares with them (document_added) and a
 * comment NOURX writes on one of their tasks (task_comment). The events exist
 * in public.notification_event since migration 09; without templates the app
 * had nothing to send, and the two switches did nothing.
 *
 * Product defaults like the other templates (migration 03): the admin edits
 * them in Paramètres → E-mails; {{variables}} are the ones listed.
 */
insert into public.email_templates (key, name, description, subject, body, variables) values
('document_added', 'Nouveau document partagé', 'Envoyé quand NOURX partage un document avec le client (pièce jointe d''une tâche visible).',
 'Nouveau document : {{fichier}}',
 E'Bonjour {{prenom}},\n\n{{agence}} a partagé le document « {{fichier}} » ({{projet}}) dans votre espace client.\n\nLe consulter : {{lien}}\n\nL''équipe {{agence}}',
 array['prenom', 'fichier', 'projet', 'lien', 'agence']),
('task_comment', 'Commentaire sur une tâche', 'Envoyé quand NOURX commente une tâche visible du client (jamais une note interne).',
 'Nouveau commentaire sur « {{tache}} »',
 E'Bonjour {{prenom}},\n\n{{agence}} a commenté la tâche « {{tache}} » ({{projet}}) :\n\n{{extrait}}\n\nRépondre : {{lien}}\n\nL''équipe {{agence}}',
 array['prenom', 'tache', 'projet', 'extrait', 'lien', 'agence'])
on conflict (key) do nothing;
