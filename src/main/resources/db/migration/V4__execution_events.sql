-- Execution events and the ANAC scheda each one produced, in the order they were recorded.
create table execution_event (
    id           bigint primary key default nextval('oe_seq'),
    contract_id  bigint      not null references contract (id),
    authority_id bigint      not null,
    seq          int         not null,
    code         text        not null,
    versione     text        not null,
    event_date   date        not null,
    anac_form    jsonb       not null,
    scheda_state text        not null check (scheda_state in ('PRONTA', 'IN_ATTESA')),
    warnings     jsonb       not null default '[]',
    recorded_at  timestamptz not null,
    recorded_by  varchar(16),
    unique (contract_id, seq)
);

alter table execution_event enable row level security;
alter table execution_event force row level security;
create policy execution_event_read on execution_event for select
    using (exists (select 1 from contract c where c.id = contract_id));
create policy execution_event_write on execution_event for all
    using (oe_all() or authority_id = any (oe_authorities()))
    with check (oe_all() or authority_id = any (oe_authorities()));

grant select, insert, update on execution_event to ${app_role};
