-- Contabilità: price list, site diary, measurement book, SAL, payment certificates, advance,
-- price revisions, per-contract settings, and the platform's late-payment interest rates.
-- Every table of a contract's accounting carries authority_id for the same row-level security as
-- the execution events.

create table accounting_settings (
    contract_id        bigint primary key references contract (id),
    authority_id       bigint       not null,
    vat_percent        numeric(5, 2) not null,
    penalty_per_mille  numeric(4, 2) not null check (penalty_per_mille between 0.5 and 1.5),
    advance_percent    numeric(5, 2) not null check (advance_percent between 0 and 30),
    certificate_days   int          not null check (certificate_days between 1 and 90),
    payment_days       int          not null check (payment_days between 1 and 180),
    version            int          not null default 0,
    updated_at         timestamptz  not null
);

create table price_item (
    id                  bigint primary key default nextval('oe_seq'),
    contract_id         bigint        not null references contract (id),
    authority_id        bigint        not null,
    position            int           not null,
    code                text          not null,
    description         text          not null,
    unit                text          not null,
    unit_price          numeric(16, 4) not null check (unit_price >= 0),
    quantity            numeric(16, 3) not null,
    subject_to_discount boolean       not null,
    version             int           not null default 0,
    unique (contract_id, code)
);
create index price_item_contract on price_item (contract_id, position);

create table site_diary_entry (
    id           bigint primary key default nextval('oe_seq'),
    contract_id  bigint      not null references contract (id),
    authority_id bigint      not null,
    entry_date   date        not null,
    weather      text,
    workforce    text,
    notes        text        not null,
    recorded_by  varchar(16),
    recorded_at  timestamptz not null
);
create index site_diary_contract on site_diary_entry (contract_id, entry_date);

create table sal (
    id                  bigint primary key default nextval('oe_seq'),
    contract_id         bigint        not null references contract (id),
    authority_id        bigint        not null,
    number              int           not null,
    sal_date            date          not null,
    basis               text          not null check (basis in ('MISURE', 'PERCENTUALE', 'MILESTONE')),
    final_statement     boolean       not null,
    percentage          numeric(7, 4),
    gross_discountable  numeric(16, 2) not null,
    discount            numeric(16, 2) not null,
    safety              numeric(16, 2) not null,
    net_works           numeric(16, 2) not null,
    recorded_by         varchar(16),
    recorded_at         timestamptz   not null,
    unique (contract_id, number)
);

create table sal_line (
    sal_id              bigint        not null references sal (id) on delete cascade,
    item_id             bigint        not null references price_item (id),
    authority_id        bigint        not null,
    cumulative_quantity numeric(18, 3) not null,
    cumulative_amount   numeric(16, 2) not null,
    entries             int           not null,
    primary key (sal_id, item_id)
);

create table measurement (
    id           bigint primary key default nextval('oe_seq'),
    contract_id  bigint        not null references contract (id),
    authority_id bigint        not null,
    item_id      bigint        not null references price_item (id),
    entry_date   date          not null,
    description  text,
    parts        numeric(14, 3),
    length       numeric(14, 3),
    width        numeric(14, 3),
    height       numeric(14, 3),
    quantity     numeric(18, 3) not null,
    notes        text,
    sal_id       bigint references sal (id),
    recorded_by  varchar(16),
    recorded_at  timestamptz   not null
);
create index measurement_contract on measurement (contract_id, entry_date);
create index measurement_sal on measurement (sal_id);

create table milestone (
    id           bigint primary key default nextval('oe_seq'),
    contract_id  bigint        not null references contract (id),
    authority_id bigint        not null,
    position     int           not null,
    description  text          not null,
    percentage   numeric(7, 4) not null check (percentage > 0 and percentage <= 100),
    sal_id       bigint references sal (id)
);

-- Payment certificates: the advance's, one per SAL, and the balance (rata di saldo) after acceptance.
create table payment_certificate (
    id                 bigint primary key default nextval('oe_seq'),
    contract_id        bigint        not null references contract (id),
    authority_id       bigint        not null,
    kind               text          not null check (kind in ('ANTICIPAZIONE', 'SAL', 'SALDO')),
    sal_id             bigint unique references sal (id),
    number             int           not null,
    issue_date         date          not null,
    due_date           date          not null,
    net_works          numeric(16, 2) not null,
    withholding        numeric(16, 2) not null,
    advance_recovered  numeric(16, 2) not null,
    previous_payments  numeric(16, 2) not null,
    penalties          numeric(16, 2) not null default 0,
    amount             numeric(16, 2) not null,
    vat_percent        numeric(5, 2) not null,
    vat                numeric(16, 2) not null,
    paid_on            date,
    execution_seq      int,
    recorded_by        varchar(16),
    recorded_at        timestamptz   not null,
    unique (contract_id, kind, number)
);

create table advance_payment (
    contract_id        bigint primary key references contract (id),
    authority_id       bigint        not null,
    percent            numeric(5, 2) not null,
    amount             numeric(16, 2) not null,
    contract_amount    numeric(16, 2) not null,
    guarantor          text          not null,
    guarantee_number   text          not null,
    guarantee_amount   numeric(16, 2) not null,
    guarantee_date     date          not null,
    certificate_id     bigint references payment_certificate (id),
    recorded_by        varchar(16),
    recorded_at        timestamptz   not null
);

create table price_revision (
    id                bigint primary key default nextval('oe_seq'),
    contract_id       bigint        not null references contract (id),
    authority_id      bigint        not null,
    revision_date     date          not null,
    index_name        text          not null,
    works             boolean       not null,
    basis             numeric(16, 2) not null,
    base_index        numeric(14, 4) not null,
    current_index     numeric(14, 4) not null,
    variation_percent numeric(9, 4) not null,
    amount            numeric(16, 2) not null,
    execution_seq     int,
    recorded_by       varchar(16),
    recorded_at       timestamptz   not null
);

-- Platform-wide: the legal late-payment rate, set by the platform administrator each half year.
create table legal_interest_rate (
    valid_from     date primary key,
    annual_percent numeric(6, 3) not null check (annual_percent >= 0),
    set_by         varchar(16),
    set_at         timestamptz not null
);

do $$
declare t text;
begin
    foreach t in array array['accounting_settings', 'price_item', 'site_diary_entry', 'sal', 'sal_line', 'measurement',
                             'milestone', 'payment_certificate', 'advance_payment', 'price_revision']
    loop
        execute format('alter table %I enable row level security', t);
        execute format('alter table %I force row level security', t);
        execute format('create policy %I on %I for select using (oe_all() or authority_id = any (oe_authorities())'
                       || ' or exists (select 1 from contract c where c.authority_id = %I.authority_id))', t || '_read', t, t);
        execute format('create policy %I on %I for all using (oe_all() or authority_id = any (oe_authorities()))'
                       || ' with check (oe_all() or authority_id = any (oe_authorities()))', t || '_write', t);
    end loop;
end $$;

grant select, insert, update, delete on accounting_settings, price_item, site_diary_entry, sal, sal_line, measurement,
    milestone, payment_certificate, advance_payment, price_revision to ${app_role};
grant select, insert, update on legal_interest_rate to ${app_role};
