/**
 * Espace Client NOURX — 03. Agency settings (singleton) and email templates
 *
 * `settings` holds what the PDFs, the payment page and the SLA computation
 * need: branding, legal mentions, bank details, invoice footer, enabled
 * CinetPay channels, manual payment instructions and SLA hours per priority.
 * Exactly one row (id = true), created here with neutral defaults; the admin
 * edits it from Paramètres. Every signed-in user reads it (clients need the
 * legal mentions and bank details on their invoices).
 */

create table public.settings (
  id boolean primary key default true check (id),
  -- Branding
  company_name text not null default 'NOURX' check (char_length(company_name) between 1 and 120),
  logo_path text,
  accent_color text not null default '#000000' check (accent_color ~ '^#[0-9A-Fa-f]{6}$'),
  -- Legal mentions (printed on quotes, invoices, receipts)
  legal_name text not null default 'NOURX',
  legal_form text,
  ncc text,
  rccm text,
  tax_regime text,
  capital text,
  address text,
  city text not null default 'Abidjan',
  country text not null default 'CI' check (country ~ '^[A-Z]{2}$'),
  phone text,
  email text,
  website text,
  -- Bank details for transfers
  bank_name text,
  bank_account_holder text,
  bank_account_number text,
  bank_iban text,
  bank_swift text,
  -- Documents
  invoice_footer text,
  quote_terms text,
  payment_terms_days integer not null default 30 check (payment_terms_days between 0 and 365),
  quote_validity_days integer not null default 30 check (quote_validity_days between 1 and 365),
  -- Payments
  cinetpay_channels text[] not null default array['MOBILE_MONEY', 'CREDIT_CARD', 'WALLET']
    check (cinetpay_channels <@ array['ALL', 'MOBILE_MONEY', 'CREDIT_CARD', 'WALLET']),
  online_payment_enabled boolean not null default true,
  manual_payment_instructions text,
  -- Support: SLA deadline of a ticket = created_at + hours for its priority
  sla_hours_low integer not null default 72 check (sla_hours_low > 0),
  sla_hours_normal integer not null default 48 check (sla_hours_normal > 0),
  sla_hours_high integer not null default 24 check (sla_hours_high > 0),
  sla_hours_urgent integer not null default 4 check (sla_hours_urgent > 0),
  updated_at timestamptz not null default now(),
  updated_by uuid references public.profiles (id) on delete set null
);
comment on table public.settings is 'Agency settings, one row (id = true). Read by every signed-in user, written by the admin.';
comment on column public.settings.logo_path is 'Object name in the branding bucket (png/jpeg, embeddable by pdf-lib).';
comment on column public.settings.cinetpay_channels is 'CinetPay "channels" enabled for online payment (sent comma-joined to /v2/payment).';
comment on column public.settings.manual_payment_instructions is 'Shown to clients next to the bank details: how to pay by transfer or cash.';
create index settings_updated_by_idx on public.settings (updated_by);

insert into public.settings (id) values (true);

create function private.stamp_settings_update()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  new.updated_at := now();
  new.updated_by := coalesce(auth.uid(), new.updated_by);
  return new;
end;
$$;
create trigger settings_stamp_update before update on public.settings
  for each row execute function private.stamp_settings_update();

alter table public.settings enable row level security;
create policy "Every signed-in user reads the settings" on public.settings
  for select to authenticated using (true);
create policy "Only the admin edits the settings" on public.settings
  for update to authenticated using ((select private.is_admin())) with check ((select private.is_admin()));
-- No insert/delete: the singleton row is created above and must stay.
grant select, update on public.settings to authenticated;
grant select, update on public.settings to service_role;

/** Section — email_templates: subject and body with {{variables}}, editable by the admin. */
create table public.email_templates (
  key text primary key check (key ~ '^[a-z][a-z0-9_]{1,62}$'),
  name text not null,
  description text,
  subject text not null check (char_length(subject) between 1 and 200),
  body text not null check (char_length(body) between 1 and 20000),
  variables text[] not null default '{}',
  updated_at timestamptz not null default now(),
  updated_by uuid references public.profiles (id) on delete set null
);
comment on table public.email_templates is 'Transactional email templates. {{variable}} placeholders are filled by the app; `variables` lists the allowed ones.';
create index email_templates_updated_by_idx on public.email_templates (updated_by);

create trigger email_templates_stamp_update before update on public.email_templates
  for each row execute function private.stamp_settings_update();

-- Product defaults (not demo data): the app needs these keys in production too.
insert into public.email_templates (key, name, description, subject, body, variables) values
('invitation', 'Invitation à l''espace client', 'Envoyé quand NOURX invite un membre d''une entreprise cliente.',
 'Votre espace client {{agence}} vous attend',
 E'Bonjour {{prenom}},\n\n{{agence}} vous invite à rejoindre l''espace client de {{entreprise}}. Vous y suivrez l''avancement de vos projets, vos documents, vos factures et vos demandes.\n\nActivez votre accès : {{lien}}\n\nÀ très vite,\nL''équipe {{agence}}',
 array['prenom', 'entreprise', 'agence', 'lien']),
('invoice_sent', 'Nouvelle facture', 'Envoyé quand une facture quitte le brouillon.',
 'Facture {{numero}} — {{montant}}',
 E'Bonjour {{prenom}},\n\nVotre facture {{numero}} d''un montant de {{montant}} est disponible dans votre espace client. Échéance : {{echeance}}.\n\nVous pouvez la régler en ligne (Mobile Money ou carte) : {{lien}}\n\nMerci de votre confiance,\nL''équipe {{agence}}',
 array['prenom', 'numero', 'montant', 'echeance', 'lien', 'agence']),
('invoice_reminder', 'Relance de facture', 'Relance d''une facture échue.',
 'Rappel : facture {{numero}} échue le {{echeance}}',
 E'Bonjour {{prenom}},\n\nSauf erreur de notre part, la facture {{numero}} ({{montant}}) arrivée à échéance le {{echeance}} reste à régler. Solde dû : {{solde}}.\n\nRéglez-la en quelques secondes : {{lien}}\n\nSi le paiement est déjà parti, merci d''ignorer ce message.\nL''équipe {{agence}}',
 array['prenom', 'numero', 'montant', 'solde', 'echeance', 'lien', 'agence']),
('payment_received', 'Paiement reçu', 'Confirmation d''un paiement accepté, avec le reçu.',
 'Paiement reçu — facture {{numero}}',
 E'Bonjour {{prenom}},\n\nNous avons bien reçu votre paiement de {{montant}} pour la facture {{numero}}. Votre reçu {{recu}} est disponible dans votre espace client : {{lien}}\n\nMerci !\nL''équipe {{agence}}',
 array['prenom', 'numero', 'montant', 'recu', 'lien', 'agence']),
('quote_sent', 'Nouveau devis', 'Envoyé quand un devis quitte le brouillon.',
 'Devis {{numero}} — {{montant}}',
 E'Bonjour {{prenom}},\n\nVotre devis {{numero}} ({{montant}}) est disponible dans votre espace client, valable jusqu''au {{validite}}. Vous pouvez l''accepter en ligne : {{lien}}\n\nL''équipe {{agence}}',
 array['prenom', 'numero', 'montant', 'validite', 'lien', 'agence']),
('ticket_reply', 'Réponse à une réclamation', 'NOURX a répondu à une réclamation.',
 'Réponse à votre demande « {{sujet}} »',
 E'Bonjour {{prenom}},\n\nNous avons répondu à votre demande « {{sujet}} » :\n\n{{extrait}}\n\nRépondre : {{lien}}\n\nL''équipe {{agence}}',
 array['prenom', 'sujet', 'extrait', 'lien', 'agence']),
('milestone_delivered', 'Jalon livré', 'Un jalon est livré et attend la validation du client.',
 'Jalon livré : {{jalon}}',
 E'Bonjour {{prenom}},\n\nLe jalon « {{jalon}} » du projet {{projet}} est livré. Vous pouvez le consulter et le valider dans votre espace client : {{lien}}\n\nL''équipe {{agence}}',
 array['prenom', 'jalon', 'projet', 'lien', 'agence']),
('account_deletion_request', 'Demande de suppression de compte', 'Prévient l''administrateur qu''un client demande la suppression de son compte.',
 'Demande de suppression de compte — {{nom}}',
 E'{{nom}} ({{email}}, {{entreprise}}) demande la suppression de son compte.\n\nMotif : {{motif}}\n\nTraiter la demande : {{lien}}',
 array['nom', 'email', 'entreprise', 'motif', 'lien']);

alter table public.email_templates enable row level security;
create policy "Only the admin reads email templates" on public.email_templates
  for select to authenticated using ((select private.is_admin()));
create policy "Only the admin creates email templates" on public.email_templates
  for insert to authenticated with check ((select private.is_admin()));
create policy "Only the admin edits email templates" on public.email_templates
  for update to authenticated using ((select private.is_admin())) with check ((select private.is_admin()));
create policy "Only the admin deletes email templates" on public.email_templates
  for delete to authenticated using ((select private.is_admin()));
grant select, insert, update, delete on public.email_templates to authenticated, service_role;
