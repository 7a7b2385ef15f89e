-- The outbox of the schede to send to ANAC's PCP: one row per recorded execution event, written in
-- the transaction that records the event, delivered outside it by any app node.
create table transmission (
    id              bigint primary key default nextval('oe_seq'),
    contract_id     bigint      not null references contract (id),
    authority_id    bigint      not null,
    seq             int         not null,
    code            text        not null,
    state           text        not null check (state in ('IN_CODA', 'CREATA', 'IN_CONFERMA', 'CONFERMATA', 'RIFIUTATA')),
    -- PCP's ids: of the appalto (at the first attempt), of this scheda (as soon as crea-scheda answers),
    -- of the contract (returned when PCP confirmed an SC1).
    id_appalto      uuid,
    id_scheda       uuid,
    id_contratto    uuid,
    attempts        int         not null default 0,
    next_attempt_at timestamptz not null,
    -- A claimed row is leased to one node until lease_until: a node that dies loses it at expiry.
    lease_owner     text,
    lease_until     timestamptz,
    -- Set before crea-scheda is called: if the answer is lost, the next attempt looks the scheda up
    -- (ricerca-scheda) instead of creating it twice.
    create_started_at timestamptz,
    last_error      text,
    errori          jsonb       not null default '[]',
    payload         jsonb,
    created_at      timestamptz not null,
    updated_at      timestamptz not null,
    confirmed_at    timestamptz,
    unique (contract_id, seq)
);

create index transmission_due on transmission (next_attempt_at) where state in ('IN_CODA', 'CREATA', 'IN_CONFERMA');
create index transmission_authority on transmission (authority_id, state);

alter table transmission enable row level security;
alter table transmission force row level security;
create policy transmission_read on transmission for select
    using (exists (select 1 from contract c where c.id = contract_id));
create policy transmission_write on transmission for all
    using (oe_all() or authority_id = any (oe_authorities()))
    with check (oe_all() or authority_id = any (oe_authorities()));

grant select, insert, update on transmission to ${app_role};
