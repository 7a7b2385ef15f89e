-- Foundation schema: authorities, users, contracts, audit trail, with row-level security.
-- The application connects as ${app_role}; it owns nothing, so the policies below always apply.

create sequence oe_seq start 1000;

-- Row-level security reads the scope the application sets at the start of every transaction
-- (see ScopedTransactionManager). Missing settings mean "nothing visible".
create function oe_all() returns boolean language sql stable as
$$ select coalesce(current_setting('oe.all', true), '') = 'on' $$;
create function oe_authorities() returns bigint[] language sql stable as
$$ select coalesce(nullif(current_setting('oe.authorities', true), ''), '{}')::bigint[] $$;
create function oe_region() returns text language sql stable as
$$ select nullif(current_setting('oe.region', true), '') $$;

create table stazione_appaltante (
    id              bigint primary key default nextval('oe_seq'),
    denominazione   text        not null,
    codice_fiscale  varchar(11) not null unique,
    codice_ausa     varchar(10) not null unique,
    tipo            text        not null,
    regione         text        not null,
    created_at      timestamptz not null default now()
);

create table app_user (
    id                 bigint primary key default nextval('oe_seq'),
    username           text        not null unique,
    codice_fiscale     varchar(16) not null unique,
    nome               text        not null,
    cognome            text        not null,
    email              text        not null,
    password_hash      text,
    enabled            boolean     not null default true,
    failed_logins      int         not null default 0,
    locked_until       timestamptz,
    platform_admin     boolean     not null default false,
    observatory_region text,
    created_at         timestamptz not null default now(),
    version            int         not null default 0
);

create table user_authority_role (
    user_id      bigint not null references app_user (id),
    authority_id bigint not null references stazione_appaltante (id),
    role         text   not null check (role in ('AMMINISTRATORE', 'RUP', 'DL', 'DEC', 'COLLAUDATORE', 'SUPPORTO_RUP')),
    primary key (user_id, authority_id, role)
);
create index user_authority_role_authority on user_authority_role (authority_id);

create table api_token (
    id           bigint primary key default nextval('oe_seq'),
    user_id      bigint      not null references app_user (id),
    name         text        not null,
    token_hash   char(64)    not null unique,
    prefix       varchar(12) not null,
    created_at   timestamptz not null,
    expires_at   timestamptz,
    last_used_at timestamptz,
    revoked_at   timestamptz
);
create index api_token_user on api_token (user_id);

create table contract (
    id                   bigint primary key default nextval('oe_seq'),
    authority_id         bigint        not null references stazione_appaltante (id),
    region               text          not null,
    oggetto              text          not null,
    tipologia            text          not null check (tipologia in ('LAVORI', 'SERVIZI', 'FORNITURE')),
    settore              text          not null check (settore in ('ORDINARIO', 'SPECIALE')),
    sopra_soglia         boolean       not null,
    concessione          boolean       not null,
    procedura            text          not null,
    importo_base_gara    numeric(15,2) not null,
    ribasso              numeric(8,5)  not null,
    importo_contrattuale numeric(15,2) not null,
    oneri_sicurezza      numeric(15,2) not null,
    durata_giorni        int           not null,
    cup                  varchar(15),
    oe_denominazione     text          not null,
    oe_codice_fiscale    varchar(16)   not null,
    oe_partita_iva       varchar(11),
    rti                  boolean       not null default false,
    id_appalto           uuid,
    id_contratto         uuid,
    stato                text          not null default 'AGGIUDICATO',
    created_at           timestamptz   not null,
    updated_at           timestamptz   not null,
    version              int           not null default 0,
    search               tsvector generated always as (
        setweight(to_tsvector('italian', oggetto), 'A')
        || setweight(to_tsvector('simple', oe_denominazione), 'B')
        || to_tsvector('simple', coalesce(cup, '') || ' ' || oe_codice_fiscale || ' ' || coalesce(oe_partita_iva, ''))
    ) stored
);
create index contract_authority on contract (authority_id, id desc);
create index contract_region on contract (region, id desc);
create index contract_search on contract using gin (search);
create index contract_cup on contract (cup);

create table contract_lot (
    contract_id  bigint      not null references contract (id) on delete cascade,
    authority_id bigint      not null,
    position     int         not null,
    cig          varchar(10) not null,
    descrizione  text,
    primary key (contract_id, position),
    unique (authority_id, cig)
);
create index contract_lot_cig on contract_lot (cig);

create table contract_rti_member (
    contract_id    bigint        not null references contract (id) on delete cascade,
    authority_id   bigint        not null,
    position       int           not null,
    denominazione  text          not null,
    codice_fiscale varchar(16)   not null,
    ruolo          text          not null check (ruolo in ('MANDATARIA', 'MANDANTE')),
    quota          numeric(5,2)  not null,
    primary key (contract_id, position)
);

create table contract_assignment (
    contract_id  bigint not null references contract (id) on delete cascade,
    authority_id bigint not null,
    role         text   not null check (role in ('RUP', 'DL', 'DEC', 'COLLAUDATORE', 'DRP3')),
    user_id      bigint not null references app_user (id),
    primary key (contract_id, role, user_id)
);
create index contract_assignment_user on contract_assignment (user_id);

-- Append-only, hash-chained audit trail: one chain per authority (chain_id 0: platform-wide).
create table audit_entry (
    id           bigint primary key default nextval('oe_seq'),
    chain_id     bigint      not null,
    chain_seq    bigint      not null,
    occurred_at  timestamptz not null,
    actor_cf     varchar(16),
    actor_name   text,
    actor_role   text,
    authority_id bigint,
    region       text,
    contract_id  bigint,
    action       text        not null,
    summary      jsonb       not null,
    prev_hash    char(64)    not null,
    hash         char(64)    not null,
    unique (chain_id, chain_seq)
);
create index audit_entry_contract on audit_entry (contract_id, chain_seq);

create function audit_entry_append_only() returns trigger language plpgsql as
$$ begin raise exception 'audit_entry is append-only'; end $$;
create trigger audit_entry_no_update before update or delete on audit_entry
    for each row execute function audit_entry_append_only();

-- Row-level security: tenant rows are read and written only in the authority's scope; the
-- observatory's region scope reads and never writes.
alter table contract enable row level security;
alter table contract force row level security;
create policy contract_read on contract for select
    using (oe_all() or authority_id = any (oe_authorities()) or region = oe_region());
create policy contract_write on contract for all
    using (oe_all() or authority_id = any (oe_authorities()))
    with check (oe_all() or authority_id = any (oe_authorities()));

alter table contract_lot enable row level security;
alter table contract_lot force row level security;
create policy contract_lot_read on contract_lot for select
    using (exists (select 1 from contract c where c.id = contract_id));
create policy contract_lot_write on contract_lot for all
    using (oe_all() or authority_id = any (oe_authorities()))
    with check (oe_all() or authority_id = any (oe_authorities()));

alter table contract_rti_member enable row level security;
alter table contract_rti_member force row level security;
create policy contract_rti_member_read on contract_rti_member for select
    using (exists (select 1 from contract c where c.id = contract_id));
create policy contract_rti_member_write on contract_rti_member for all
    using (oe_all() or authority_id = any (oe_authorities()))
    with check (oe_all() or authority_id = any (oe_authorities()));

alter table contract_assignment enable row level security;
alter table contract_assignment force row level security;
create policy contract_assignment_read on contract_assignment for select
    using (exists (select 1 from contract c where c.id = contract_id));
create policy contract_assignment_write on contract_assignment for all
    using (oe_all() or authority_id = any (oe_authorities()))
    with check (oe_all() or authority_id = any (oe_authorities()));

alter table audit_entry enable row level security;
alter table audit_entry force row level security;
create policy audit_entry_read on audit_entry for select
    using (oe_all() or authority_id = any (oe_authorities()) or region = oe_region());
create policy audit_entry_insert on audit_entry for insert
    with check (oe_all() or authority_id = any (oe_authorities()));

grant usage on schema public to ${app_role};
grant select, insert, update, delete on stazione_appaltante, app_user, user_authority_role, api_token,
    contract, contract_lot, contract_rti_member, contract_assignment to ${app_role};
grant select, insert on audit_entry to ${app_role};
grant usage, select on sequence oe_seq to ${app_role};

-- Head of each audit chain: the lock that serialises appends to a chain, and the witness that
-- lets verification notice entries removed from the end of it.
create table audit_chain (
    chain_id  bigint primary key,
    last_seq  bigint   not null,
    last_hash char(64) not null
);
grant select, insert, update on audit_chain to ${app_role};
