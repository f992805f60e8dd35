-- =============================================================================
-- Espace Client NOURX — demo seed (LOCAL ONLY, never run on production)
--
-- Three accounts, password `demo-nourx-2026`:
--   admin@nourx.test   NOURX (admin)            Yannick Kouadio
--   client@acme.test   ACME Côte d'Ivoire        Aïcha Coulibaly
--   client@baobab.test Baobab Studio             Koffi N'Guessan
--
-- Dates are relative to now() so the demo always looks current. Fixed UUIDs:
--   1…  users        2…  clients     3…  projects     4…  milestones
--   5…  tasks        6…  documents   7…  quotes       8…  invoices
--   9…  tickets      a…  payment attempts
-- The files of the `documents` rows are in supabase/seed-storage/ (uploaded
-- by the local server after this seed; see supabase/scripts/make-seed-files.ts).
--
-- Business actions go through the same triggers and RPCs as the app
-- (numbering on send, totals from lines, payments → receipts, credit notes),
-- acting as the right user so the audit log reads naturally. Only the dates
-- are set explicitly to spread the story over the last three months.
-- =============================================================================

-- Acts as a user for the following statements (auth.uid() in triggers and RPCs).
create function pg_temp.act_as(p_user uuid) returns void language sql as $$
  select set_config('request.jwt.claims', json_build_object('sub', p_user, 'role', 'authenticated')::text, true);
$$;

-- -----------------------------------------------------------------------------
-- Accounts (auth.users + auth.identities, as GoTrue stores them)
-- -----------------------------------------------------------------------------
insert into auth.users (
  instance_id, id, aud, role, email, encrypted_password, email_confirmed_at, raw_app_meta_data, raw_user_meta_data,
  created_at, updated_at, last_sign_in_at, confirmation_token, recovery_token, email_change_token_new, email_change
)
select '00000000-0000-0000-0000-000000000000', u.id, 'authenticated', 'authenticated', u.email,
       extensions.crypt('demo-nourx-2026', extensions.gen_salt('bf', 10)), now() - interval '120 days',
       '{"provider": "email", "providers": ["email"]}'::jsonb, jsonb_build_object('full_name', u.full_name),
       now() - interval '120 days', now(), u.last_sign_in_at, '', '', '', ''
  from (values
    ('10000000-0000-4000-8000-000000000001'::uuid, 'admin@nourx.test', 'Yannick Kouadio', now() - interval '2 hours'),
    ('10000000-0000-4000-8000-000000000002'::uuid, 'client@acme.test', 'Aïcha Coulibaly', now() - interval '1 day'),
    ('10000000-0000-4000-8000-000000000003'::uuid, 'client@baobab.test', 'Koffi N''Guessan', now() - interval '40 days')
  ) as u (id, email, full_name, last_sign_in_at);

insert into auth.identities (provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at)
select u.id::text, u.id,
       jsonb_build_object('sub', u.id::text, 'email', u.email, 'email_verified', true, 'phone_verified', false),
       'email', u.last_sign_in_at, u.created_at, u.created_at
  from auth.users u
 where u.id in ('10000000-0000-4000-8000-000000000001', '10000000-0000-4000-8000-000000000002',
                '10000000-0000-4000-8000-000000000003');

-- Profiles were created by the auth trigger; complete them. The admin role is
-- copied into auth.users.raw_app_meta_data by trigger.
update public.profiles set role = 'admin', job_title = 'Chef de projet', phone = '+225 07 00 00 00 01'
 where id = '10000000-0000-4000-8000-000000000001';
update public.profiles set job_title = 'Directrice marketing', phone = '+225 07 08 12 34 56', whatsapp = '+225 07 08 12 34 56',
       preferred_contact = 'whatsapp', analytics_consent = true
 where id = '10000000-0000-4000-8000-000000000002';
update public.profiles set job_title = 'Fondateur', phone = '+225 05 44 21 09 87'
 where id = '10000000-0000-4000-8000-000000000003';

select pg_temp.act_as('10000000-0000-4000-8000-000000000001');

-- -----------------------------------------------------------------------------
-- Agency settings (legal identifiers are DEMO placeholders)
-- -----------------------------------------------------------------------------
update public.settings set
  company_name = 'NOURX',
  logo_path = 'logo-nourx.png',
  accent_color = '#000000',
  legal_name = 'NOURX SARL',
  legal_form = 'SARL',
  ncc = '2214587 K (démo)',
  rccm = 'CI-ABJ-03-2022-B13-04512 (démo)',
  tax_regime = 'Régime du réel simplifié d''imposition (RSI)',
  capital = '1 000 000 F CFA',
  address = 'Rue des Jardins, Cocody Deux-Plateaux, 08 BP 2145 Abidjan 08',
  city = 'Abidjan',
  country = 'CI',
  phone = '+225 27 22 00 00 00',
  email = 'contact@nourx.test',
  website = 'https://nourx.test',
  bank_name = 'Banque de démonstration Côte d''Ivoire',
  bank_account_holder = 'NOURX SARL',
  bank_account_number = 'CI000 01001 012345678901 23 (démo)',
  bank_iban = 'CI93 CI000 01001 012345678901 23 (démo)',
  bank_swift = 'DEMOCIAB',
  invoice_footer = 'NOURX SARL au capital de 1 000 000 F CFA — RCCM CI-ABJ-03-2022-B13-04512 — NCC 2214587 K — Régime du réel simplifié. Données de démonstration.',
  quote_terms = 'Devis valable 30 jours. Acompte de 40 % à la commande, solde à la livraison de chaque jalon.',
  payment_terms_days = 30,
  quote_validity_days = 30,
  cinetpay_channels = array['MOBILE_MONEY', 'CREDIT_CARD', 'WALLET'],
  online_payment_enabled = true,
  manual_payment_instructions = E'Virement bancaire : indiquez le numéro de facture en référence.\nEspèces : à nos bureaux de Cocody Deux-Plateaux, du lundi au vendredi de 9 h à 17 h, contre reçu.',
  sla_hours_low = 72, sla_hours_normal = 48, sla_hours_high = 24, sla_hours_urgent = 4
where id;

-- -----------------------------------------------------------------------------
-- Client companies and members
-- -----------------------------------------------------------------------------
insert into public.clients (id, name, contact_name, email, phone, address, city, country, ncc, rccm, created_at) values
  ('20000000-0000-4000-8000-000000000001', 'ACME Côte d''Ivoire', 'Aïcha Coulibaly', 'contact@acme.test', '+225 27 22 40 12 34',
   'Boulevard Latrille, Cocody, 01 BP 1234 Abidjan 01', 'Abidjan', 'CI', '1708934 B (démo)', 'CI-ABJ-2017-B-21045 (démo)',
   now() - interval '110 days'),
  ('20000000-0000-4000-8000-000000000002', 'Baobab Studio', 'Koffi N''Guessan', 'bonjour@baobab.test', '+225 27 20 31 45 67',
   'Avenue Chardy, Plateau, Abidjan', 'Abidjan', 'CI', '2011457 F (démo)', 'CI-ABJ-2020-B-08812 (démo)',
   now() - interval '60 days');

insert into public.client_members (client_id, user_id, role, job_title) values
  ('20000000-0000-4000-8000-000000000001', '10000000-0000-4000-8000-000000000002', 'owner', 'Directrice marketing'),
  ('20000000-0000-4000-8000-000000000002', '10000000-0000-4000-8000-000000000003', 'owner', 'Fondateur');

insert into public.client_notes (client_id, body, created_at) values
  ('20000000-0000-4000-8000-000000000001',
   'Décideuse : Aïcha Coulibaly. Très attentive aux délais de la boutique (lancement prévu pour les fêtes). Préfère WhatsApp pour les points rapides.',
   now() - interval '100 days'),
  ('20000000-0000-4000-8000-000000000002',
   'Venu par recommandation de l''agence Sankofa. Budget serré : proposer la maintenance au trimestre plutôt qu''à l''année.',
   now() - interval '55 days');

-- -----------------------------------------------------------------------------
-- Projects, team, milestones
-- -----------------------------------------------------------------------------
insert into public.projects (id, client_id, title, description, status, progress_mode, start_date, end_date, budget_ht, created_at) values
  ('30000000-0000-4000-8000-000000000001', '20000000-0000-4000-8000-000000000001', 'Boutique en ligne ACME',
   'Site e-commerce de la collection ACME : catalogue, panier, paiement Mobile Money et carte via CinetPay, livraison dans les communes d''Abidjan.',
   'active', 'tasks', current_date - 80, current_date + 45, 6250000, now() - interval '85 days'),
  ('30000000-0000-4000-8000-000000000002', '20000000-0000-4000-8000-000000000001', 'Application mobile ACME Fidélité',
   'Application iOS et Android du programme de fidélité : cumul de points en boutique et en ligne, récompenses, notifications.',
   'draft', 'milestones', current_date + 15, current_date + 140, 7250000, now() - interval '5 days'),
  ('30000000-0000-4000-8000-000000000003', '20000000-0000-4000-8000-000000000002', 'Refonte du site vitrine Baobab Studio',
   'Nouveau site du studio photo : présentation, portfolio filtrable, tarifs et prise de rendez-vous.',
   'active', 'tasks', current_date - 50, current_date + 30, 1500000, now() - interval '52 days');

insert into public.project_team (project_id, user_id, role_label, position) values
  ('30000000-0000-4000-8000-000000000001', '10000000-0000-4000-8000-000000000001', 'Chef de projet', 0),
  ('30000000-0000-4000-8000-000000000002', '10000000-0000-4000-8000-000000000001', 'Chef de projet', 0),
  ('30000000-0000-4000-8000-000000000003', '10000000-0000-4000-8000-000000000001', 'Chef de projet', 0);

insert into public.milestones (id, project_id, title, description, version_label, due_date, status, deliverables, position, delivered_at) values
  ('40000000-0000-4000-8000-000000000001', '30000000-0000-4000-8000-000000000001', 'Cadrage et ateliers',
   'Ateliers avec l''équipe marketing, inventaire du catalogue, choix des moyens de paiement.', 'v0.1', current_date - 62,
   'delivered', array['Cahier des charges', 'Compte rendu d''atelier'], 1, now() - interval '63 days'),
  ('40000000-0000-4000-8000-000000000002', '30000000-0000-4000-8000-000000000001', 'Maquettes UX/UI',
   'Maquettes de l''accueil, de la fiche produit, du panier et du tunnel de paiement, en version mobile et bureau.', 'v0.5', current_date - 30,
   'delivered', array['Maquettes Figma', 'Guide de style'], 2, now() - interval '31 days'),
  ('40000000-0000-4000-8000-000000000003', '30000000-0000-4000-8000-000000000001', 'Catalogue et fiches produits',
   'Import du catalogue, fiches produits, filtres et recherche. Version de démonstration en ligne.', 'v0.8', current_date - 5,
   'delivered', array['Site de recette : catalogue complet', 'Import des 312 produits'], 3, now() - interval '3 days'),
  ('40000000-0000-4000-8000-000000000004', '30000000-0000-4000-8000-000000000001', 'Paiement Mobile Money et livraison',
   'Paiement Orange Money, MTN MoMo, Moov, Wave et carte via CinetPay ; frais de livraison par commune.', 'v0.9', current_date + 20,
   'in_progress', array['Paiement en ligne', 'Calcul des frais de livraison'], 4, null),
  ('40000000-0000-4000-8000-000000000005', '30000000-0000-4000-8000-000000000001', 'Recette et mise en ligne',
   'Recette avec ACME, formation de l''équipe, mise en production.', 'v1.0', current_date + 40,
   'planned', array['Boutique en production', 'Formation'], 5, null),
  ('40000000-0000-4000-8000-000000000006', '30000000-0000-4000-8000-000000000002', 'Cadrage fonctionnel',
   'Parcours de fidélité, règles de points, récompenses.', 'v0.1', current_date + 25, 'planned', array['Spécifications'], 1, null),
  ('40000000-0000-4000-8000-000000000007', '30000000-0000-4000-8000-000000000002', 'Prototype interactif',
   'Prototype cliquable des écrans principaux, testé avec cinq clientes.', 'v0.3', current_date + 55, 'planned', array['Prototype Figma'], 2, null),
  ('40000000-0000-4000-8000-000000000008', '30000000-0000-4000-8000-000000000003', 'Arborescence et contenus',
   'Plan du site et rédaction des pages.', 'v0.2', current_date - 35, 'delivered', array['Arborescence', 'Textes validés'], 1, now() - interval '36 days'),
  ('40000000-0000-4000-8000-000000000009', '30000000-0000-4000-8000-000000000003', 'Intégration du nouveau site',
   'Intégration responsive, portfolio filtrable, formulaire de rendez-vous.', 'v0.8', current_date + 12, 'in_progress', array['Site de recette'], 2, null),
  ('40000000-0000-4000-8000-000000000010', '30000000-0000-4000-8000-000000000003', 'Mise en ligne',
   'Bascule du domaine, référencement de base.', 'v1.0', current_date + 30, 'planned', array['Site en production'], 3, null);

-- -----------------------------------------------------------------------------
-- Tasks (about 30), checklists, comments
-- -----------------------------------------------------------------------------
insert into public.tasks (id, project_id, milestone_id, title, description, status, priority, visibility, assigned_to, due_date, position, completed_at, created_at)
select t.id::uuid, t.project_id::uuid, t.milestone_id::uuid, t.title, t.description, t.status::public.task_status,
       t.priority::public.priority, t.visibility::public.visibility,
       case when t.by_client then null else '10000000-0000-4000-8000-000000000001'::uuid end,
       current_date + t.due_in, t.position,
       case when t.status = 'done' then now() + make_interval(days => t.due_in - 1) end,
       now() + make_interval(days => least(t.due_in - 10, -1))
  from (values
    -- Boutique en ligne ACME
    ('50000000-0000-4000-8000-000000000001', '30000000-0000-4000-8000-000000000001', '40000000-0000-4000-8000-000000000001', 'Atelier de cadrage avec l''équipe marketing', 'Deux heures dans vos locaux de Cocody pour fixer les objectifs et le périmètre.', 'done', 'normal', 'client', false, -64, 1),
    ('50000000-0000-4000-8000-000000000002', '30000000-0000-4000-8000-000000000001', '40000000-0000-4000-8000-000000000001', 'Inventaire des produits et catégories', 'Liste des catégories, tailles et variantes à reprendre dans la boutique.', 'done', 'normal', 'client', false, -63, 2),
    ('50000000-0000-4000-8000-000000000003', '30000000-0000-4000-8000-000000000001', '40000000-0000-4000-8000-000000000001', 'Benchmark des boutiques concurrentes', 'Analyse de cinq boutiques de mode ivoiriennes et de leurs tunnels de paiement.', 'done', 'low', 'internal', false, -65, 3),
    ('50000000-0000-4000-8000-000000000004', '30000000-0000-4000-8000-000000000001', '40000000-0000-4000-8000-000000000002', 'Maquettes de la page d''accueil', 'Version mobile et bureau, avec la mise en avant de la nouvelle collection.', 'done', 'high', 'client', false, -40, 1),
    ('50000000-0000-4000-8000-000000000005', '30000000-0000-4000-8000-000000000001', '40000000-0000-4000-8000-000000000002', 'Maquettes fiche produit et panier', 'Fiche produit avec guide des tailles, panier et récapitulatif de livraison.', 'done', 'high', 'client', false, -34, 2),
    ('50000000-0000-4000-8000-000000000006', '30000000-0000-4000-8000-000000000001', '40000000-0000-4000-8000-000000000002', 'Déclinaison web de la charte graphique', 'Couleurs, typographies et composants de la boutique.', 'done', 'normal', 'client', false, -32, 3),
    ('50000000-0000-4000-8000-000000000007', '30000000-0000-4000-8000-000000000001', '40000000-0000-4000-8000-000000000003', 'Hébergement et CDN', 'Serveur de recette, CDN pour les images, sauvegardes quotidiennes.', 'done', 'normal', 'internal', false, -20, 1),
    ('50000000-0000-4000-8000-000000000008', '30000000-0000-4000-8000-000000000001', '40000000-0000-4000-8000-000000000003', 'Import du catalogue (312 produits)', 'Import depuis le fichier Excel transmis par ACME, avec contrôle des prix et des stocks.', 'done', 'high', 'client', false, -8, 2),
    ('50000000-0000-4000-8000-000000000009', '30000000-0000-4000-8000-000000000001', '40000000-0000-4000-8000-000000000003', 'Filtres par catégorie, taille et prix', 'Filtres combinables sur mobile, avec le nombre de résultats en direct.', 'review', 'normal', 'client', false, -2, 1),
    ('50000000-0000-4000-8000-000000000010', '30000000-0000-4000-8000-000000000001', '40000000-0000-4000-8000-000000000003', 'Fournir les photos des nouveautés', 'Action ACME : photos JPEG sur fond blanc, 2000 px minimum, pour les 24 nouveautés.', 'todo', 'high', 'client', true, 3, 1),
    ('50000000-0000-4000-8000-000000000011', '30000000-0000-4000-8000-000000000001', '40000000-0000-4000-8000-000000000004', 'Paiement Orange Money, MTN MoMo, Moov et Wave via CinetPay', 'Intégration du guichet CinetPay, notification serveur et vérification de chaque transaction.', 'in_progress', 'high', 'client', false, 12, 1),
    ('50000000-0000-4000-8000-000000000012', '30000000-0000-4000-8000-000000000001', '40000000-0000-4000-8000-000000000004', 'Frais de livraison par commune d''Abidjan', 'Grille tarifaire par commune, livraison offerte au-delà de 50 000 F CFA.', 'in_progress', 'normal', 'client', false, 15, 2),
    ('50000000-0000-4000-8000-000000000013', '30000000-0000-4000-8000-000000000001', '40000000-0000-4000-8000-000000000004', 'Tests de charge de l''API panier', 'Simuler 200 paniers simultanés avant le lancement des fêtes.', 'todo', 'normal', 'internal', false, 18, 3),
    ('50000000-0000-4000-8000-000000000014', '30000000-0000-4000-8000-000000000001', '40000000-0000-4000-8000-000000000004', 'Emails de confirmation de commande', 'Confirmation, expédition et livraison, aux couleurs d''ACME.', 'todo', 'normal', 'client', false, 19, 4),
    ('50000000-0000-4000-8000-000000000015', '30000000-0000-4000-8000-000000000001', '40000000-0000-4000-8000-000000000004', 'Valider les conditions générales de vente', 'Action ACME : relire et valider les CGV proposées (retours, délais, paiement).', 'todo', 'normal', 'client', true, 7, 5),
    ('50000000-0000-4000-8000-000000000016', '30000000-0000-4000-8000-000000000001', '40000000-0000-4000-8000-000000000004', 'Correctif : panier sur iPhone SE', 'Le récapitulatif du panier déborde de l''écran sur les petits iPhone (réclamation en cours).', 'in_progress', 'urgent', 'client', false, 2, 0),
    ('50000000-0000-4000-8000-000000000017', '30000000-0000-4000-8000-000000000001', '40000000-0000-4000-8000-000000000005', 'Recette fonctionnelle avec ACME', 'Parcours d''achat complet sur mobile, paiement réel de 100 F CFA.', 'todo', 'high', 'client', false, 32, 1),
    ('50000000-0000-4000-8000-000000000018', '30000000-0000-4000-8000-000000000001', '40000000-0000-4000-8000-000000000005', 'Formation de l''équipe à l''administration', 'Gestion des produits, des commandes et des codes promo.', 'todo', 'normal', 'client', false, 36, 2),
    ('50000000-0000-4000-8000-000000000019', '30000000-0000-4000-8000-000000000001', '40000000-0000-4000-8000-000000000005', 'Mise en production et redirections', 'Bascule DNS, redirections de l''ancien site, surveillance.', 'todo', 'high', 'internal', false, 40, 3),
    ('50000000-0000-4000-8000-000000000020', '30000000-0000-4000-8000-000000000001', '40000000-0000-4000-8000-000000000005', 'Revue de sécurité', 'En-têtes, dépendances, droits d''accès du back office.', 'todo', 'normal', 'internal', false, 38, 4),
    -- Application mobile ACME Fidélité
    ('50000000-0000-4000-8000-000000000021', '30000000-0000-4000-8000-000000000002', '40000000-0000-4000-8000-000000000006', 'Atelier : parcours de fidélité', 'Définir comment les clientes gagnent et utilisent leurs points.', 'todo', 'normal', 'client', false, 20, 1),
    ('50000000-0000-4000-8000-000000000022', '30000000-0000-4000-8000-000000000002', '40000000-0000-4000-8000-000000000006', 'Choix de la technologie mobile', 'React Native ou Flutter : comparatif coûts, délais et maintenance.', 'in_progress', 'normal', 'internal', false, 10, 2),
    ('50000000-0000-4000-8000-000000000023', '30000000-0000-4000-8000-000000000002', '40000000-0000-4000-8000-000000000006', 'Récits utilisateurs du programme de points', 'Une vingtaine de récits, priorisés avec ACME.', 'todo', 'normal', 'client', false, 24, 3),
    ('50000000-0000-4000-8000-000000000024', '30000000-0000-4000-8000-000000000002', '40000000-0000-4000-8000-000000000006', 'Estimation détaillée et planning', 'Chiffrage par écran et planning des sprints.', 'todo', 'low', 'internal', false, 22, 4),
    -- Refonte du site vitrine Baobab Studio
    ('50000000-0000-4000-8000-000000000025', '30000000-0000-4000-8000-000000000003', '40000000-0000-4000-8000-000000000008', 'Rédaction des contenus de la page Studio', 'Histoire du studio, équipe, matériel.', 'done', 'normal', 'client', false, -38, 1),
    ('50000000-0000-4000-8000-000000000026', '30000000-0000-4000-8000-000000000003', '40000000-0000-4000-8000-000000000008', 'Sélection des projets du portfolio', 'Trente photos réparties en mariages, entreprises et portraits.', 'done', 'normal', 'client', true, -36, 2),
    ('50000000-0000-4000-8000-000000000027', '30000000-0000-4000-8000-000000000003', '40000000-0000-4000-8000-000000000009', 'Intégration de la page d''accueil', 'Grande photo plein écran, accroche et appel à prendre rendez-vous.', 'done', 'high', 'client', false, -10, 1),
    ('50000000-0000-4000-8000-000000000028', '30000000-0000-4000-8000-000000000003', '40000000-0000-4000-8000-000000000009', 'Galerie portfolio avec filtres', 'Filtres par catégorie, chargement progressif des images.', 'in_progress', 'normal', 'client', false, 5, 2),
    ('50000000-0000-4000-8000-000000000029', '30000000-0000-4000-8000-000000000003', '40000000-0000-4000-8000-000000000009', 'Formulaire de contact et prise de rendez-vous', 'Choix du créneau et confirmation par email.', 'todo', 'normal', 'client', false, 9, 3),
    ('50000000-0000-4000-8000-000000000030', '30000000-0000-4000-8000-000000000003', '40000000-0000-4000-8000-000000000009', 'Optimisation des images (WebP)', 'Conversion et tailles adaptées à chaque écran.', 'todo', 'low', 'internal', false, 8, 4),
    ('50000000-0000-4000-8000-000000000031', '30000000-0000-4000-8000-000000000003', '40000000-0000-4000-8000-000000000010', 'Mise en ligne et Search Console', 'Bascule du domaine et déclaration du site à Google.', 'todo', 'normal', 'client', false, 28, 1)
  ) as t (id, project_id, milestone_id, title, description, status, priority, visibility, by_client, due_in, position);

insert into public.task_checklist_items (task_id, label, is_done, position, done_at, done_by) values
  ('50000000-0000-4000-8000-000000000008', 'Nettoyer le fichier Excel (doublons, prix)', true, 1, now() - interval '14 days', '10000000-0000-4000-8000-000000000001'),
  ('50000000-0000-4000-8000-000000000008', 'Importer les 312 produits', true, 2, now() - interval '10 days', '10000000-0000-4000-8000-000000000001'),
  ('50000000-0000-4000-8000-000000000008', 'Contrôler les stocks avec ACME', true, 3, now() - interval '9 days', '10000000-0000-4000-8000-000000000001'),
  ('50000000-0000-4000-8000-000000000009', 'Filtre par catégorie', true, 1, now() - interval '6 days', '10000000-0000-4000-8000-000000000001'),
  ('50000000-0000-4000-8000-000000000009', 'Filtre par taille', true, 2, now() - interval '5 days', '10000000-0000-4000-8000-000000000001'),
  ('50000000-0000-4000-8000-000000000009', 'Filtre par prix (curseur)', false, 3, null, null),
  ('50000000-0000-4000-8000-000000000011', 'Orange Money', true, 1, now() - interval '4 days', '10000000-0000-4000-8000-000000000001'),
  ('50000000-0000-4000-8000-000000000011', 'MTN MoMo', true, 2, now() - interval '3 days', '10000000-0000-4000-8000-000000000001'),
  ('50000000-0000-4000-8000-000000000011', 'Moov Money', false, 3, null, null),
  ('50000000-0000-4000-8000-000000000011', 'Wave', false, 4, null, null),
  ('50000000-0000-4000-8000-000000000011', 'Carte bancaire (3-D Secure)', false, 5, null, null),
  ('50000000-0000-4000-8000-000000000014', 'Confirmation de commande', false, 1, null, null),
  ('50000000-0000-4000-8000-000000000014', 'Commande expédiée', false, 2, null, null),
  ('50000000-0000-4000-8000-000000000014', 'Commande livrée', false, 3, null, null),
  ('50000000-0000-4000-8000-000000000017', 'Parcours invité', false, 1, null, null),
  ('50000000-0000-4000-8000-000000000017', 'Parcours avec compte', false, 2, null, null),
  ('50000000-0000-4000-8000-000000000017', 'Paiement réel de 100 F CFA', false, 3, null, null),
  ('50000000-0000-4000-8000-000000000013', 'Écrire le scénario de charge', true, 1, now() - interval '1 day', '10000000-0000-4000-8000-000000000001'),
  ('50000000-0000-4000-8000-000000000013', 'Lancer 200 paniers simultanés', false, 2, null, null),
  ('50000000-0000-4000-8000-000000000028', 'Catégorie Mariages', true, 1, now() - interval '2 days', '10000000-0000-4000-8000-000000000001'),
  ('50000000-0000-4000-8000-000000000028', 'Catégorie Entreprises', false, 2, null, null),
  ('50000000-0000-4000-8000-000000000028', 'Catégorie Portraits', false, 3, null, null);

-- Comments: NOURX speaks as the admin, the clients as themselves.
insert into public.task_comments (task_id, author_id, body, visibility, created_at) values
  ('50000000-0000-4000-8000-000000000004', '10000000-0000-4000-8000-000000000001', 'Les maquettes de l''accueil sont prêtes : vous les trouverez dans Documents > Maquettes.', 'client', now() - interval '42 days'),
  ('50000000-0000-4000-8000-000000000004', '10000000-0000-4000-8000-000000000002', 'Superbe ! Pouvez-vous remonter le bandeau des nouveautés au-dessus des catégories ?', 'client', now() - interval '41 days'),
  ('50000000-0000-4000-8000-000000000004', '10000000-0000-4000-8000-000000000001', 'C''est fait, nouvelle version déposée.', 'client', now() - interval '40 days'),
  ('50000000-0000-4000-8000-000000000009', '10000000-0000-4000-8000-000000000001', 'Les filtres catégorie et taille sont en recette. Le curseur de prix arrive cette semaine.', 'client', now() - interval '4 days'),
  ('50000000-0000-4000-8000-000000000009', '10000000-0000-4000-8000-000000000002', 'Testé sur mon téléphone, c''est fluide. Peut-on ajouter un filtre « En promotion » ?', 'client', now() - interval '3 days'),
  ('50000000-0000-4000-8000-000000000010', '10000000-0000-4000-8000-000000000001', 'Rappel : il nous manque encore 24 photos pour les nouveautés. Un lien WeTransfer convient aussi.', 'client', now() - interval '2 days'),
  ('50000000-0000-4000-8000-000000000010', '10000000-0000-4000-8000-000000000002', 'Le shooting a lieu jeudi, vous aurez les photos vendredi.', 'client', now() - interval '1 day'),
  ('50000000-0000-4000-8000-000000000011', '10000000-0000-4000-8000-000000000001', 'Orange Money et MTN MoMo fonctionnent en recette. Wave attend l''activation du compte marchand.', 'client', now() - interval '3 days'),
  ('50000000-0000-4000-8000-000000000011', '10000000-0000-4000-8000-000000000001', 'Interne : CinetPay met jusqu''à 10 min à confirmer certains paiements MoMo, prévoir la re-vérification en file.', 'internal', now() - interval '3 days'),
  ('50000000-0000-4000-8000-000000000016', '10000000-0000-4000-8000-000000000001', 'Problème reproduit, correctif en cours de test.', 'client', now() - interval '1 day'),
  ('50000000-0000-4000-8000-000000000003', '10000000-0000-4000-8000-000000000001', 'Deux concurrents proposent déjà Wave : à mettre en avant dans la proposition.', 'internal', now() - interval '64 days'),
  ('50000000-0000-4000-8000-000000000028', '10000000-0000-4000-8000-000000000001', 'La catégorie Mariages est en ligne sur le site de recette.', 'client', now() - interval '2 days'),
  ('50000000-0000-4000-8000-000000000028', '10000000-0000-4000-8000-000000000003', 'Parfait. Pour Entreprises, utilisez plutôt les photos de la série « Bureaux ».', 'client', now() - interval '1 day');

-- -----------------------------------------------------------------------------
-- Milestone comments and approvals (approvals go through the RPC, as the client)
-- -----------------------------------------------------------------------------
insert into public.milestone_comments (milestone_id, author_id, body, visibility, created_at) values
  ('40000000-0000-4000-8000-000000000002', '10000000-0000-4000-8000-000000000002', 'Les maquettes mobiles sont très réussies, l''équipe est ravie.', 'client', now() - interval '29 days'),
  ('40000000-0000-4000-8000-000000000003', '10000000-0000-4000-8000-000000000001', 'Le catalogue complet est en ligne sur le site de recette. Merci de le parcourir avant de valider le jalon.', 'client', now() - interval '3 days'),
  ('40000000-0000-4000-8000-000000000003', '10000000-0000-4000-8000-000000000002', 'Je regarde avec l''équipe commerciale et je valide d''ici vendredi.', 'client', now() - interval '2 days'),
  ('40000000-0000-4000-8000-000000000004', '10000000-0000-4000-8000-000000000001', 'Interne : vérifier les frais CinetPay avant de présenter la grille de livraison.', 'internal', now() - interval '1 day');

select pg_temp.act_as('10000000-0000-4000-8000-000000000002');
select public.approve_milestone('40000000-0000-4000-8000-000000000001', 'Aïcha Coulibaly', 'Cadrage conforme à nos échanges.');
select public.approve_milestone('40000000-0000-4000-8000-000000000002', 'Aïcha Coulibaly', null);
select pg_temp.act_as('10000000-0000-4000-8000-000000000003');
select public.approve_milestone('40000000-0000-4000-8000-000000000008', 'Koffi N''Guessan', 'Textes validés, merci.');
select pg_temp.act_as('10000000-0000-4000-8000-000000000001');
-- Back-date the approvals to when they happened in the story.
update public.milestone_approvals a set approved_at = m.delivered_at + interval '2 days'
  from public.milestones m where m.id = a.milestone_id;
update public.milestones m set approved_at = a.approved_at
  from public.milestone_approvals a where a.milestone_id = m.id;

-- -----------------------------------------------------------------------------
-- Documents (files in supabase/seed-storage/project-files/…)
-- -----------------------------------------------------------------------------
insert into public.documents (id, client_id, project_id, milestone_id, path, file_name, label, folder, mime_type, size_bytes, visibility, uploaded_by, created_at) values
  ('60000000-0000-4000-8000-000000000001', '20000000-0000-4000-8000-000000000001', '30000000-0000-4000-8000-000000000001', '40000000-0000-4000-8000-000000000001',
   '20000000-0000-4000-8000-000000000001/30000000-0000-4000-8000-000000000001/60000000-0000-4000-8000-000000000001-cahier-des-charges.pdf',
   'cahier-des-charges.pdf', 'Cahier des charges v1.2', 'Cadrage', 'application/pdf', 2527, 'client', '10000000-0000-4000-8000-000000000001', now() - interval '63 days'),
  ('60000000-0000-4000-8000-000000000002', '20000000-0000-4000-8000-000000000001', '30000000-0000-4000-8000-000000000001', '40000000-0000-4000-8000-000000000002',
   '20000000-0000-4000-8000-000000000001/30000000-0000-4000-8000-000000000001/60000000-0000-4000-8000-000000000002-maquette-accueil.png',
   'maquette-accueil.png', 'Maquette de la page d''accueil', 'Maquettes', 'image/png', 1519, 'client', '10000000-0000-4000-8000-000000000001', now() - interval '40 days'),
  ('60000000-0000-4000-8000-000000000003', '20000000-0000-4000-8000-000000000001', '30000000-0000-4000-8000-000000000001', null,
   '20000000-0000-4000-8000-000000000001/30000000-0000-4000-8000-000000000001/60000000-0000-4000-8000-000000000003-compte-rendu-atelier.txt',
   'compte-rendu-atelier.txt', 'Compte rendu de l''atelier de cadrage', 'Comptes rendus', 'text/plain', 504, 'client', '10000000-0000-4000-8000-000000000001', now() - interval '64 days'),
  ('60000000-0000-4000-8000-000000000004', '20000000-0000-4000-8000-000000000001', '30000000-0000-4000-8000-000000000001', null,
   '20000000-0000-4000-8000-000000000001/30000000-0000-4000-8000-000000000001/60000000-0000-4000-8000-000000000004-notes-internes.txt',
   'notes-internes.txt', 'Notes internes', 'Interne', 'text/plain', 233, 'internal', '10000000-0000-4000-8000-000000000001', now() - interval '20 days'),
  ('60000000-0000-4000-8000-000000000005', '20000000-0000-4000-8000-000000000001', '30000000-0000-4000-8000-000000000001', null,
   '20000000-0000-4000-8000-000000000001/30000000-0000-4000-8000-000000000001/60000000-0000-4000-8000-000000000005-logo-acme.png',
   'logo-acme.png', 'Logo ACME (PNG)', 'Fournis par ACME', 'image/png', 317, 'client', '10000000-0000-4000-8000-000000000002', now() - interval '70 days'),
  ('60000000-0000-4000-8000-000000000006', '20000000-0000-4000-8000-000000000001', '30000000-0000-4000-8000-000000000001', null,
   '20000000-0000-4000-8000-000000000001/30000000-0000-4000-8000-000000000001/60000000-0000-4000-8000-000000000006-capture-panier-iphone.png',
   'capture-panier-iphone.png', 'Capture du panier sur iPhone SE', 'Réclamations', 'image/png', 997, 'client', '10000000-0000-4000-8000-000000000002', now() - interval '4 days'),
  ('60000000-0000-4000-8000-000000000007', '20000000-0000-4000-8000-000000000001', null, null,
   '20000000-0000-4000-8000-000000000001/general/60000000-0000-4000-8000-000000000007-avis-de-virement.pdf',
   'avis-de-virement.pdf', 'Avis de virement — hébergement annuel', 'Paiements', 'application/pdf', 1804, 'client', '10000000-0000-4000-8000-000000000001', now() - interval '35 days'),
  ('60000000-0000-4000-8000-000000000008', '20000000-0000-4000-8000-000000000002', '30000000-0000-4000-8000-000000000003', '40000000-0000-4000-8000-000000000008',
   '20000000-0000-4000-8000-000000000002/30000000-0000-4000-8000-000000000003/60000000-0000-4000-8000-000000000008-arborescence-site.pdf',
   'arborescence-site.pdf', 'Arborescence du site', 'Cadrage', 'application/pdf', 1870, 'client', '10000000-0000-4000-8000-000000000001', now() - interval '37 days'),
  ('60000000-0000-4000-8000-000000000009', '20000000-0000-4000-8000-000000000002', '30000000-0000-4000-8000-000000000003', null,
   '20000000-0000-4000-8000-000000000002/30000000-0000-4000-8000-000000000003/60000000-0000-4000-8000-000000000009-maquette-accueil.png',
   'maquette-accueil.png', 'Maquette de la page d''accueil', 'Maquettes', 'image/png', 1601, 'client', '10000000-0000-4000-8000-000000000001', now() - interval '12 days');

insert into public.task_attachments (task_id, document_id, created_by, created_at) values
  ('50000000-0000-4000-8000-000000000004', '60000000-0000-4000-8000-000000000002', '10000000-0000-4000-8000-000000000001', now() - interval '40 days'),
  ('50000000-0000-4000-8000-000000000016', '60000000-0000-4000-8000-000000000006', '10000000-0000-4000-8000-000000000001', now() - interval '1 day'),
  ('50000000-0000-4000-8000-000000000007', '60000000-0000-4000-8000-000000000004', '10000000-0000-4000-8000-000000000001', now() - interval '20 days');

-- -----------------------------------------------------------------------------
-- Quotes: created as drafts, then sent (numbers DEV-YYYY-NNNNN by trigger)
-- -----------------------------------------------------------------------------
insert into public.quotes (id, client_id, project_id, title, issue_date, valid_until, notes, created_at) values
  ('70000000-0000-4000-8000-000000000001', '20000000-0000-4000-8000-000000000001', '30000000-0000-4000-8000-000000000001',
   'Boutique en ligne ACME — conception et développement', current_date - 85, current_date - 55,
   'Paiement : 40 % à la commande, puis par jalon livré.', now() - interval '86 days'),
  ('70000000-0000-4000-8000-000000000006', '20000000-0000-4000-8000-000000000002', null,
   'Campagne réseaux sociaux — 3 mois', current_date - 70, current_date - 40, null, now() - interval '70 days'),
  ('70000000-0000-4000-8000-000000000004', '20000000-0000-4000-8000-000000000002', '30000000-0000-4000-8000-000000000003',
   'Refonte du site vitrine Baobab Studio', current_date - 52, current_date - 22, 'Acompte de 50 % à la commande.', now() - interval '53 days'),
  ('70000000-0000-4000-8000-000000000005', '20000000-0000-4000-8000-000000000002', '30000000-0000-4000-8000-000000000003',
   'Shooting photo de l''équipe du studio', current_date - 40, current_date - 10, null, now() - interval '40 days'),
  ('70000000-0000-4000-8000-000000000002', '20000000-0000-4000-8000-000000000001', '30000000-0000-4000-8000-000000000002',
   'Application mobile ACME Fidélité — phase 1', current_date - 4, current_date + 26,
   'Phase 1 : cadrage, prototype et MVP. Les évolutions feront l''objet d''un devis séparé.', now() - interval '5 days'),
  ('70000000-0000-4000-8000-000000000003', '20000000-0000-4000-8000-000000000001', '30000000-0000-4000-8000-000000000001',
   'Maintenance annuelle de la boutique', null, null, null, now() - interval '1 day');

insert into public.quote_items (quote_id, position, label, description, quantity, unit_price) values
  ('70000000-0000-4000-8000-000000000001', 1, 'Ateliers de cadrage', 'Deux ateliers et le cahier des charges', 1, 450000),
  ('70000000-0000-4000-8000-000000000001', 2, 'Conception UX/UI', 'Maquettes mobile et bureau (jours)', 12, 150000),
  ('70000000-0000-4000-8000-000000000001', 3, 'Développement de la boutique', 'Catalogue, panier, comptes clients, back office', 1, 3200000),
  ('70000000-0000-4000-8000-000000000001', 4, 'Paiement en ligne CinetPay', 'Mobile Money et carte bancaire', 1, 600000),
  ('70000000-0000-4000-8000-000000000001', 5, 'Formation', 'Demi-journées de formation de l''équipe', 2, 100000),
  ('70000000-0000-4000-8000-000000000002', 1, 'Atelier de cadrage fidélité', null, 1, 350000),
  ('70000000-0000-4000-8000-000000000002', 2, 'Prototype interactif', 'Jours de conception', 8, 150000),
  ('70000000-0000-4000-8000-000000000002', 3, 'Développement MVP iOS et Android', null, 1, 4500000),
  ('70000000-0000-4000-8000-000000000002', 4, 'Back office points et récompenses', null, 1, 1200000),
  ('70000000-0000-4000-8000-000000000003', 1, 'Maintenance et mises à jour', 'Forfait mensuel', 12, 75000),
  ('70000000-0000-4000-8000-000000000004', 1, 'Refonte du site vitrine (6 pages)', null, 1, 1200000),
  ('70000000-0000-4000-8000-000000000004', 2, 'Galerie portfolio filtrable', null, 1, 300000),
  ('70000000-0000-4000-8000-000000000005', 1, 'Shooting photo de l''équipe', 'Une demi-journée, 15 photos retouchées', 1, 450000),
  ('70000000-0000-4000-8000-000000000006', 1, 'Animation Facebook et Instagram', 'Forfait mensuel', 3, 250000);

-- Send in chronological order so the numbers follow the dates.
update public.quotes set status = 'sent', sent_at = now() - interval '85 days' where id = '70000000-0000-4000-8000-000000000001';
update public.quotes set status = 'sent', sent_at = now() - interval '70 days' where id = '70000000-0000-4000-8000-000000000006';
update public.quotes set status = 'sent', sent_at = now() - interval '52 days' where id = '70000000-0000-4000-8000-000000000004';
update public.quotes set status = 'sent', sent_at = now() - interval '40 days' where id = '70000000-0000-4000-8000-000000000005';
update public.quotes set status = 'sent', sent_at = now() - interval '4 days' where id = '70000000-0000-4000-8000-000000000002';

-- Answers given back then (the seed runs as a privileged session, which the
-- quote guard accepts; in the app they come from accept_quote/decline_quote).
update public.quotes set status = 'accepted', accepted_at = now() - interval '82 days',
       accepted_by = '10000000-0000-4000-8000-000000000002', signer_name = 'Aïcha Coulibaly'
 where id = '70000000-0000-4000-8000-000000000001';
update public.quotes set status = 'accepted', accepted_at = now() - interval '50 days',
       accepted_by = '10000000-0000-4000-8000-000000000003', signer_name = 'Koffi N''Guessan'
 where id = '70000000-0000-4000-8000-000000000004';
update public.quotes set status = 'declined', declined_at = now() - interval '36 days',
       declined_by = '10000000-0000-4000-8000-000000000003',
       decline_reason = 'Nous avons finalement trouvé un photographe en interne.'
 where id = '70000000-0000-4000-8000-000000000005';
select public.expire_quotes();

-- -----------------------------------------------------------------------------
-- Invoices: drafts with lines, then sent in chronological order (FAC numbers)
-- -----------------------------------------------------------------------------
insert into public.invoices (id, client_id, project_id, quote_id, title, issue_date, due_date, vat_rate, notes, created_at) values
  ('80000000-0000-4000-8000-000000000001', '20000000-0000-4000-8000-000000000001', '30000000-0000-4000-8000-000000000001', '70000000-0000-4000-8000-000000000001',
   'Acompte de 40 % — boutique en ligne', current_date - 78, current_date - 48, 18, 'Acompte prévu au devis accepté.', now() - interval '79 days'),
  ('80000000-0000-4000-8000-000000000003', '20000000-0000-4000-8000-000000000001', '30000000-0000-4000-8000-000000000001', null,
   'Hébergement et nom de domaine — année 1', current_date - 60, current_date - 30, 18, null, now() - interval '61 days'),
  ('80000000-0000-4000-8000-000000000006', '20000000-0000-4000-8000-000000000002', '30000000-0000-4000-8000-000000000003', '70000000-0000-4000-8000-000000000004',
   'Acompte de 50 % — refonte du site vitrine', current_date - 48, current_date - 18, 18, null, now() - interval '49 days'),
  ('80000000-0000-4000-8000-000000000007', '20000000-0000-4000-8000-000000000002', '30000000-0000-4000-8000-000000000003', null,
   'Contenus et retouches photo', current_date - 45, current_date - 15, 18, null, now() - interval '46 days'),
  ('80000000-0000-4000-8000-000000000004', '20000000-0000-4000-8000-000000000001', '30000000-0000-4000-8000-000000000001', null,
   'Jalon 2 : maquettes UX/UI', current_date - 27, current_date + 3, 20, null, now() - interval '28 days'),
  ('80000000-0000-4000-8000-000000000002', '20000000-0000-4000-8000-000000000001', '30000000-0000-4000-8000-000000000001', null,
   'Jalon 2 : maquettes UX/UI', current_date - 6, current_date + 24, 18, 'Remplace la facture annulée par avoir (taux de TVA erroné).', now() - interval '7 days'),
  ('80000000-0000-4000-8000-000000000005', '20000000-0000-4000-8000-000000000001', '30000000-0000-4000-8000-000000000001', null,
   'Jalon 3 : catalogue et fiches produits', null, null, 18, null, now() - interval '1 day');

insert into public.invoice_items (invoice_id, position, label, description, quantity, unit_price) values
  ('80000000-0000-4000-8000-000000000001', 1, 'Acompte de 40 % — conception et développement de la boutique en ligne', null, 1, 2500000),
  ('80000000-0000-4000-8000-000000000003', 1, 'Hébergement VPS', 'Mois', 12, 15000),
  ('80000000-0000-4000-8000-000000000003', 2, 'Nom de domaine acme-boutique.ci (1 an)', null, 1, 20000),
  ('80000000-0000-4000-8000-000000000003', 3, 'Certificat SSL et sauvegardes quotidiennes', null, 1, 50000),
  ('80000000-0000-4000-8000-000000000006', 1, 'Acompte de 50 % — refonte du site vitrine', null, 1, 750000),
  ('80000000-0000-4000-8000-000000000007', 1, 'Rédaction de contenus', 'Pages', 4, 35000),
  ('80000000-0000-4000-8000-000000000007', 2, 'Retouche photo', 'Images', 30, 2000),
  ('80000000-0000-4000-8000-000000000004', 1, 'Maquettes de l''accueil et du parcours d''achat', null, 1, 600000),
  ('80000000-0000-4000-8000-000000000004', 2, 'Déclinaison mobile et guide de style', null, 1, 400000),
  ('80000000-0000-4000-8000-000000000002', 1, 'Maquettes de l''accueil et du parcours d''achat', null, 1, 600000),
  ('80000000-0000-4000-8000-000000000002', 2, 'Déclinaison mobile et guide de style', null, 1, 400000),
  ('80000000-0000-4000-8000-000000000005', 1, 'Intégration du catalogue (312 produits)', null, 1, 900000),
  ('80000000-0000-4000-8000-000000000005', 2, 'Filtres et recherche', null, 1, 350000);

update public.invoices set status = 'sent', sent_at = now() - interval '78 days' where id = '80000000-0000-4000-8000-000000000001';
update public.invoices set status = 'sent', sent_at = now() - interval '60 days' where id = '80000000-0000-4000-8000-000000000003';
update public.invoices set status = 'sent', sent_at = now() - interval '48 days' where id = '80000000-0000-4000-8000-000000000006';
update public.invoices set status = 'sent', sent_at = now() - interval '45 days' where id = '80000000-0000-4000-8000-000000000007';
update public.invoices set status = 'sent', sent_at = now() - interval '27 days' where id = '80000000-0000-4000-8000-000000000004';
update public.invoices set status = 'sent', sent_at = now() - interval '6 days' where id = '80000000-0000-4000-8000-000000000002';
-- Baobab's second invoice is past due.
select public.mark_overdue_invoices();

-- The wrong-VAT invoice is cancelled by a credit note (avoir), then reissued (above).
select public.cancel_invoice('80000000-0000-4000-8000-000000000004', 'Taux de TVA erroné (20 % au lieu de 18 %) : facture remplacée.');
update public.credit_notes set issued_at = now() - interval '26 days' where invoice_id = '80000000-0000-4000-8000-000000000004';

-- -----------------------------------------------------------------------------
-- Payments: CinetPay attempts, notifications, checks; one bank transfer
-- -----------------------------------------------------------------------------
select set_config('request.jwt.claims', '{"role": "service_role"}', true);

insert into public.payment_attempts (id, invoice_id, client_id, transaction_id, amount, channels, initiated_by, payment_token, payment_url, created_at) values
  ('a0000000-0000-4000-8000-000000000001', '80000000-0000-4000-8000-000000000001', '20000000-0000-4000-8000-000000000001',
   'NX7K2M9Q4A1B', 2950000, 'MOBILE_MONEY,CREDIT_CARD,WALLET', '10000000-0000-4000-8000-000000000002',
   'demo-token-7k2m9q4a1b', 'http://127.0.0.1:54330/payment/demo-token-7k2m9q4a1b', now() - interval '74 days'),
  ('a0000000-0000-4000-8000-000000000002', '80000000-0000-4000-8000-000000000002', '20000000-0000-4000-8000-000000000001',
   'NX3H8D2F6C5E', 1180000, 'MOBILE_MONEY,CREDIT_CARD,WALLET', '10000000-0000-4000-8000-000000000002',
   'demo-token-3h8d2f6c5e', 'http://127.0.0.1:54330/payment/demo-token-3h8d2f6c5e', now() - interval '2 days'),
  ('a0000000-0000-4000-8000-000000000003', '80000000-0000-4000-8000-000000000006', '20000000-0000-4000-8000-000000000002',
   'NX9P4T7W1R3Y', 885000, 'MOBILE_MONEY,CREDIT_CARD,WALLET', '10000000-0000-4000-8000-000000000003',
   'demo-token-9p4t7w1r3y', 'http://127.0.0.1:54330/payment/demo-token-9p4t7w1r3y', now() - interval '46 days'),
  ('a0000000-0000-4000-8000-000000000004', '80000000-0000-4000-8000-000000000007', '20000000-0000-4000-8000-000000000002',
   'NX5L6N8V2J0G', 236000, 'MOBILE_MONEY,CREDIT_CARD,WALLET', '10000000-0000-4000-8000-000000000003',
   'demo-token-5l6n8v2j0g', 'http://127.0.0.1:54330/payment/demo-token-5l6n8v2j0g', now() - interval '10 days');

-- Raw notifications as CinetPay posts them (form fields), with a valid x-token.
insert into public.payment_notifications (received_at, transaction_id, site_id, content_type, raw_body, payload, x_token, token_valid, token_variant, site_id_valid, outcome)
select n.received_at, n.tx, '105900001', 'application/x-www-form-urlencoded',
       format('cpm_site_id=105900001&cpm_trans_id=%s&cpm_trans_date=%s&cpm_amount=%s&cpm_currency=XOF&signature=demo&payment_method=%s&cel_phone_num=%s&cpm_phone_prefixe=225&cpm_language=fr&cpm_version=V4&cpm_payment_config=Single&cpm_page_action=Payment&cpm_custom=&cpm_designation=Facture&cpm_error_message=%s',
              n.tx, replace(to_char(n.received_at, 'YYYY-MM-DD HH24:MI:SS'), ' ', '+'), n.amount, n.method, n.phone, n.error),
       jsonb_build_object('cpm_site_id', '105900001', 'cpm_trans_id', n.tx, 'cpm_trans_date', to_char(n.received_at, 'YYYY-MM-DD HH24:MI:SS'),
                          'cpm_amount', n.amount::text, 'cpm_currency', 'XOF', 'signature', 'demo', 'payment_method', n.method,
                          'cel_phone_num', n.phone, 'cpm_phone_prefixe', '225', 'cpm_language', 'fr', 'cpm_version', 'V4',
                          'cpm_payment_config', 'Single', 'cpm_page_action', 'Payment', 'cpm_custom', '',
                          'cpm_designation', 'Facture', 'cpm_error_message', n.error),
       encode(extensions.hmac(n.tx || n.amount::text, 'demo-secret', 'sha256'), 'hex'), true, 'documented', true, 'checked'
  from (values
    ('NX7K2M9Q4A1B', 2950000, 'OM', '0708123456', 'SUCCES', now() - interval '74 days' + interval '3 minutes'),
    ('NX3H8D2F6C5E', 1180000, 'OM', '0708123456', 'INSUFFICIENT_BALANCE', now() - interval '2 days' + interval '2 minutes'),
    ('NX9P4T7W1R3Y', 885000, 'WAVECI', '0544210987', 'SUCCES', now() - interval '46 days' + interval '1 minute'),
    ('NX5L6N8V2J0G', 236000, 'MOMO', '0544210987', 'SUCCES', now() - interval '10 days' + interval '4 minutes')
  ) as n (tx, amount, method, phone, error, received_at);

insert into public.payment_checks (payment_attempt_id, checked_at, source, http_status, code, message, api_status, amount, currency, raw_response, decision, duration_ms)
select c.attempt::uuid, c.checked_at, 'notification', 200, c.code, c.message, c.status, c.amount, 'XOF',
       jsonb_build_object('code', c.code, 'message', c.message, 'api_response_id', '1700000000.' || c.n,
         'data', jsonb_build_object('amount', c.amount, 'currency', 'XOF', 'status', c.status, 'payment_method', c.method,
                                    'description', 'Facture', 'metadata', null, 'operator_id', c.operator_id,
                                    'payment_date', c.payment_date, 'fund_availability_date', c.payment_date)),
       c.decision::public.payment_check_decision, c.ms
  from (values
    (1, 'a0000000-0000-4000-8000-000000000001', now() - interval '74 days' + interval '3 minutes', '00', 'SUCCES', 'ACCEPTED', '2950000', 'OM', 'MP260912.1012.A76307', to_char(now() - interval '74 days', 'YYYY-MM-DD HH24:MI:SS'), 'accepted', 412),
    (2, 'a0000000-0000-4000-8000-000000000002', now() - interval '2 days' + interval '2 minutes', '602', 'INSUFFICIENT_BALANCE', 'REFUSED', '1180000', 'OM', null, ' ', 'refused', 388),
    (3, 'a0000000-0000-4000-8000-000000000003', now() - interval '46 days' + interval '1 minute', '00', 'SUCCES', 'ACCEPTED', '885000', 'WAVECI', 'WV46.2231.B1190', to_char(now() - interval '46 days', 'YYYY-MM-DD HH24:MI:SS'), 'accepted', 356),
    (4, 'a0000000-0000-4000-8000-000000000004', now() - interval '10 days' + interval '4 minutes', '00', 'SUCCES', 'ACCEPTED', '23600', 'MOMO', 'MM10.0457.C7781', to_char(now() - interval '10 days', 'YYYY-MM-DD HH24:MI:SS'), 'flagged', 501)
  ) as c (n, attempt, checked_at, code, message, status, amount, method, operator_id, payment_date, decision, ms);

update public.payment_attempts set status = 'refused', last_code = '602', last_message = 'INSUFFICIENT_BALANCE',
       failure_reason = 'Solde Mobile Money insuffisant : le paiement n''a pas été débité.',
       payment_method = 'OM', check_count = 1, last_checked_at = now() - interval '2 days' + interval '2 minutes',
       finalized_at = now() - interval '2 days' + interval '2 minutes'
 where id = 'a0000000-0000-4000-8000-000000000002';

-- Accepted checks go through the same function as the webhook: one payment, its receipt, the invoice paid.
select public.record_online_payment('NX7K2M9Q4A1B', 2950000, 'XOF', 'OM', 'MP260912.1012.A76307', now() - interval '74 days');
select public.record_online_payment('NX9P4T7W1R3Y', 885000, 'XOF', 'WAVECI', 'WV46.2231.B1190', now() - interval '46 days');
-- The operator confirmed a tenth of the amount: flagged for the admin, invoice left unpaid.
select public.record_online_payment('NX5L6N8V2J0G', 23600, 'XOF', 'MOMO', 'MM10.0457.C7781', now() - interval '10 days');
update public.payment_attempts a
   set check_count = 1, last_code = '00', last_message = 'SUCCES', last_checked_at = a.created_at + interval '3 minutes',
       finalized_at = a.created_at + interval '3 minutes'
 where a.id in ('a0000000-0000-4000-8000-000000000001', 'a0000000-0000-4000-8000-000000000003', 'a0000000-0000-4000-8000-000000000004');
update public.receipts r set issued_at = p.paid_at from public.payments p where p.id = r.payment_id;

-- The bank transfer for the hosting invoice, recorded by the admin with its proof.
select pg_temp.act_as('10000000-0000-4000-8000-000000000001');
select public.record_manual_payment('80000000-0000-4000-8000-000000000003', 295000, 'transfer', 'VIR-2026-0412',
                                    now() - interval '35 days', '60000000-0000-4000-8000-000000000007',
                                    'Virement reçu sur le compte de démonstration.');
update public.receipts r set issued_at = p.paid_at from public.payments p where p.id = r.payment_id;

-- -----------------------------------------------------------------------------
-- Tickets (réclamations) and their threads
-- -----------------------------------------------------------------------------
select pg_temp.act_as('10000000-0000-4000-8000-000000000002');
insert into public.tickets (id, client_id, project_id, payment_attempt_id, subject, category, priority, created_by, created_at) values
  ('90000000-0000-4000-8000-000000000001', '20000000-0000-4000-8000-000000000001', null, 'a0000000-0000-4000-8000-000000000001',
   'Mon paiement Orange Money n''apparaît pas sur la facture', 'payment', 'high', '10000000-0000-4000-8000-000000000002', now() - interval '74 days'),
  ('90000000-0000-4000-8000-000000000002', '20000000-0000-4000-8000-000000000001', '30000000-0000-4000-8000-000000000001', null,
   'Le panier s''affiche mal sur iPhone', 'bug', 'high', '10000000-0000-4000-8000-000000000002', now() - interval '4 days'),
  ('90000000-0000-4000-8000-000000000003', '20000000-0000-4000-8000-000000000001', '30000000-0000-4000-8000-000000000001', null,
   'Ajouter le paiement à la livraison', 'change_request', 'normal', '10000000-0000-4000-8000-000000000002', now() - interval '3 days');
select pg_temp.act_as('10000000-0000-4000-8000-000000000003');
insert into public.tickets (id, client_id, project_id, subject, category, priority, created_by, created_at) values
  ('90000000-0000-4000-8000-000000000004', '20000000-0000-4000-8000-000000000002', '30000000-0000-4000-8000-000000000003',
   'Modifier les horaires sur la page contact', 'question', 'low', '10000000-0000-4000-8000-000000000003', now() - interval '8 days');

insert into public.ticket_messages (id, ticket_id, author_id, body, is_internal, created_at) values
  ('b0000000-0000-4000-8000-000000000001', '90000000-0000-4000-8000-000000000001', '10000000-0000-4000-8000-000000000002',
   'Bonjour, j''ai payé l''acompte par Orange Money il y a quelques minutes, j''ai bien reçu le SMS de débit mais la facture est toujours à payer.', false, now() - interval '74 days'),
  ('b0000000-0000-4000-8000-000000000002', '90000000-0000-4000-8000-000000000001', '10000000-0000-4000-8000-000000000001',
   'Bonjour Aïcha, Orange Money a confirmé le paiement quelques minutes plus tard : la facture est maintenant payée et votre reçu est disponible. Merci !', false, now() - interval '74 days' + interval '25 minutes'),
  ('b0000000-0000-4000-8000-000000000003', '90000000-0000-4000-8000-000000000002', '10000000-0000-4000-8000-000000000002',
   'Sur iPhone SE, le récapitulatif du panier sort de l''écran et on ne voit plus le bouton « Commander ». Capture jointe.', false, now() - interval '4 days'),
  ('b0000000-0000-4000-8000-000000000004', '90000000-0000-4000-8000-000000000002', '10000000-0000-4000-8000-000000000001',
   'Interne : reproduit sur Safari iOS 16, largeur 320 px. Correctif dans la branche fix/panier-ios, à livrer avec le jalon 4.', true, now() - interval '3 days'),
  ('b0000000-0000-4000-8000-000000000005', '90000000-0000-4000-8000-000000000002', '10000000-0000-4000-8000-000000000001',
   'Merci pour la capture, nous avons reproduit le problème. Le correctif sera en recette d''ici deux jours.', false, now() - interval '3 days' + interval '2 hours'),
  ('b0000000-0000-4000-8000-000000000006', '90000000-0000-4000-8000-000000000003', '10000000-0000-4000-8000-000000000002',
   'Beaucoup de nos clientes préfèrent payer à la livraison. Est-ce possible pour les commandes livrées à Abidjan ?', false, now() - interval '3 days'),
  ('b0000000-0000-4000-8000-000000000007', '90000000-0000-4000-8000-000000000004', '10000000-0000-4000-8000-000000000003',
   'Bonjour, le studio ouvre désormais le samedi de 10 h à 16 h. Pouvez-vous mettre la page contact à jour ?', false, now() - interval '8 days'),
  ('b0000000-0000-4000-8000-000000000008', '90000000-0000-4000-8000-000000000004', '10000000-0000-4000-8000-000000000001',
   'C''est en ligne sur le site de recette. Dites-nous si tout est correct et nous fermerons la demande.', false, now() - interval '6 days');

insert into public.ticket_attachments (ticket_id, message_id, document_id, created_by, created_at) values
  ('90000000-0000-4000-8000-000000000002', 'b0000000-0000-4000-8000-000000000003', '60000000-0000-4000-8000-000000000006',
   '10000000-0000-4000-8000-000000000002', now() - interval '4 days'),
  -- The internal note points at the internal notes file: neither reaches the client.
  ('90000000-0000-4000-8000-000000000002', 'b0000000-0000-4000-8000-000000000004', '60000000-0000-4000-8000-000000000004',
   '10000000-0000-4000-8000-000000000001', now() - interval '3 days');

select pg_temp.act_as('10000000-0000-4000-8000-000000000001');
update public.tickets set status = 'resolved', assigned_to = '10000000-0000-4000-8000-000000000001', resolved_at = now() - interval '74 days' + interval '25 minutes'
 where id = '90000000-0000-4000-8000-000000000001';
update public.tickets set status = 'in_progress', assigned_to = '10000000-0000-4000-8000-000000000001'
 where id = '90000000-0000-4000-8000-000000000002';
update public.tickets set status = 'resolved', assigned_to = '10000000-0000-4000-8000-000000000001', resolved_at = now() - interval '6 days'
 where id = '90000000-0000-4000-8000-000000000004';
-- Aïcha closed and rated the payment ticket.
select pg_temp.act_as('10000000-0000-4000-8000-000000000002');
select public.close_ticket('90000000-0000-4000-8000-000000000001', 5, 'Réponse rapide, merci !');
update public.tickets set closed_at = now() - interval '73 days', rated_at = now() - interval '73 days'
 where id = '90000000-0000-4000-8000-000000000001';

-- -----------------------------------------------------------------------------
-- Preferences
-- -----------------------------------------------------------------------------
insert into public.notification_preferences (user_id, event, email, whatsapp) values
  ('10000000-0000-4000-8000-000000000002', 'payment_received', true, true),
  ('10000000-0000-4000-8000-000000000002', 'ticket_reply', true, true),
  ('10000000-0000-4000-8000-000000000002', 'task_comment', false, false);

-- -----------------------------------------------------------------------------
-- Prospects: one or more at every stage
-- -----------------------------------------------------------------------------
select pg_temp.act_as('10000000-0000-4000-8000-000000000001');
insert into public.prospects (company_name, contact_name, email, phone, source, stage, estimated_amount, notes, next_action, next_action_date, position, lost_reason, converted_client_id, created_at) values
  ('Pharmacie du Plateau', 'Dr Mariam Diabaté', 'contact@pharmacie-plateau.test', '+225 27 20 21 22 23', 'Site web', 'nouveau', 900000,
   'Souhaite un site avec prise de commande d''ordonnances.', 'Appeler pour un premier échange', current_date + 1, 1, null, null, now() - interval '2 days'),
  ('Cabinet Konan & Associés', 'Me Serge Konan', 's.konan@cabinet-konan.test', '+225 07 11 22 33 44', 'Salon Digital Abidjan', 'nouveau', null,
   'Rencontré au salon, intéressé par un extranet clients.', 'Envoyer la plaquette', current_date + 3, 2, null, null, now() - interval '5 days'),
  ('Ivoire Logistique SARL', 'Bamba Souleymane', 'sbamba@ivoire-logistique.test', '+225 05 66 77 88 99', 'Recommandation', 'contacte', 3500000,
   'Suivi des colis pour leurs clients B2B.', 'Atelier de découverte', current_date + 5, 1, null, null, now() - interval '12 days'),
  ('Groupe scolaire Les Palmiers', 'Mme Adjoua Yao', 'direction@lespalmiers.test', '+225 07 55 44 33 22', 'LinkedIn', 'qualifie', 2800000,
   'Portail parents : notes, absences, paiement des frais de scolarité par Mobile Money.', 'Envoyer la proposition', current_date + 7, 1, null, null, now() - interval '20 days'),
  ('Restaurant Chez Tantie Awa', 'Awa Touré', 'awa@cheztantieawa.test', '+225 07 99 88 77 66', 'Instagram', 'proposition', 1800000,
   'Site avec menu et commande à emporter, paiement Wave.', 'Relancer sur la proposition', current_date + 2, 1, null, null, now() - interval '30 days'),
  ('Baobab Studio', 'Koffi N''Guessan', 'bonjour@baobab.test', '+225 27 20 31 45 67', 'Recommandation', 'gagne', 1500000,
   'Converti en client : refonte du site vitrine.', null, null, 1, null, '20000000-0000-4000-8000-000000000002', now() - interval '65 days'),
  ('Transports Express Yamoussoukro', 'Kouassi Jean', 'jean.kouassi@tey.test', '+225 05 12 34 56 78', 'Appel entrant', 'perdu', 2200000,
   'Application de réservation de billets.', null, null, 1, 'Budget reporté à l''année prochaine.', null, now() - interval '45 days');

-- Done: leave the claims empty for whatever runs next in this session.
select set_config('request.jwt.claims', '', true);
