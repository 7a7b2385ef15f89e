-- The local PCP simulator (module pcpsim): ANAC's side of the conversation, for demos and tests.
--
-- No row-level security here, on purpose. These rows are not the platform's tenant data: they
-- stand for what ANAC's PCP holds, and belong to no stazione appaltante of the platform. The
-- simulator's endpoints are called as a PDND client, not as a platform user, so a transaction
-- serving them has no tenant scope to apply (oe.authorities is empty): tenant policies would hide
-- everything. The platform's own modules never read these tables (they talk to the simulator over
-- HTTP, as to ANAC). Visibility per authority inside PCP itself (an RP sees the appalti taken in
-- charge) is not simulated. Installations that do not want the simulator set
-- openesecuzione.pcp-sim.enabled=false; the tables then stay empty.

-- Every appalto the simulator has seen; its row lock serialises the dispositive operations on it.
create table pcpsim_appalto (
    id_appalto uuid primary key,
    rollbacks  int         not null default 0,
    first_seen timestamptz not null
);

-- The schede received by crea-scheda, as sent ({codice, versione, body}), with their state.
create table pcpsim_scheda (
    id_scheda     uuid primary key,
    id_appalto    uuid        not null references pcpsim_appalto (id_appalto),
    codice        text        not null,
    versione      text        not null,
    scheda        jsonb       not null,
    stato         text        not null check (stato in ('IN_LAV', 'CONF', 'CANC', 'ANN')),
    id_contratto  uuid,                      -- the contract it belongs to, known at confirmation
    created_at    timestamptz not null,
    modified_at   timestamptz,
    confirmed_at  timestamptz,
    confirmed_seq bigint                     -- order of confirmation: "the last confirmed scheda"
);
create index pcpsim_scheda_appalto on pcpsim_scheda (id_appalto, stato, confirmed_seq);
create index pcpsim_scheda_contratto on pcpsim_scheda (id_contratto, stato, confirmed_seq);

-- Contracts created by the confirmation of an SC1 (idContratto), with ANAC's contract state.
create table pcpsim_contratto (
    id_contratto  uuid primary key,
    id_appalto    uuid        not null references pcpsim_appalto (id_appalto),
    id_scheda_sc1 uuid        not null references pcpsim_scheda (id_scheda),
    stato         text        not null,
    cig           text[]      not null default '{}',
    updated_at    timestamptz not null
);
create index pcpsim_contratto_appalto on pcpsim_contratto (id_appalto);

-- Operations and their outcome, as esito-operazione returns them: WT until ready_at, then
-- evaluated by the first request that reads the appalto after that time (no background thread).
create table pcpsim_operazione (
    id            bigint primary key default nextval('oe_seq'),
    id_appalto    uuid        not null references pcpsim_appalto (id_appalto),
    id_scheda     uuid        not null references pcpsim_scheda (id_scheda),
    codice_scheda text        not null,
    tipo          text        not null,      -- SC_CREA, SC_MOD, SC_CANC, SC_VERIF, SC_CONF, SC_ROLLBACK
    esito         text        not null check (esito in ('WT', 'OK', 'KO')),
    dettaglio     text        not null,      -- esitoOperazione code: SC_IN_CONF, SC_CONF, SC_N_CONF ...
    errori        jsonb       not null default '[]',
    id_contratto  uuid,
    id_avviso     uuid,
    motivazione   text,                      -- rollback: motivoAnnullamentoComunicazione code
    created_at    timestamptz not null,
    ready_at      timestamptz not null,
    checked_at    timestamptz not null       -- dataControllo
);
create index pcpsim_operazione_appalto on pcpsim_operazione (id_appalto, tipo, id);
create index pcpsim_operazione_waiting on pcpsim_operazione (id_appalto, ready_at) where esito = 'WT';

-- Vouchers issued by the simulator's token endpoint (SHA-256 of the token, never the token).
create table pcpsim_voucher (
    token_hash text primary key,
    client_id  text        not null,
    purpose_id text        not null,
    digest     text,                         -- hex SHA-256 of the tracking token it is bound to
    issued_at  timestamptz not null,
    expires_at timestamptz not null
);
create index pcpsim_voucher_expiry on pcpsim_voucher (expires_at);

-- jti already seen (client assertions, tracking tokens), until they expire: single use.
create table pcpsim_jti (
    kind       text        not null,
    jti        text        not null,
    expires_at timestamptz not null,
    primary key (kind, jti)
);
create index pcpsim_jti_expiry on pcpsim_jti (expires_at);

-- Faults set at run time through <base>/_control/faults (one row; none: the configured ones).
create table pcpsim_fault (
    id         int primary key check (id = 1),
    settings   jsonb       not null,
    updated_at timestamptz not null
);

-- Calls per PDND client and fixed window, when a rate limit is configured.
create table pcpsim_rate_window (
    client_id    text        not null,
    window_start timestamptz not null,
    used         int         not null,
    primary key (client_id, window_start)
);

grant select, insert, update, delete on pcpsim_appalto, pcpsim_scheda, pcpsim_contratto, pcpsim_operazione,
    pcpsim_voucher, pcpsim_jti, pcpsim_fault, pcpsim_rate_window to ${app_role};
