-- Annulment of a confirmed scheda (rollback-scheda: CO1 and CO2 only, with ANAC's reason code).
alter table transmission drop constraint transmission_state_check;
alter table transmission add constraint transmission_state_check check (state in
    ('IN_CODA', 'CREATA', 'IN_CONFERMA', 'CONFERMATA', 'RIFIUTATA', 'IN_ANNULLAMENTO', 'ANNULLATA'));
-- motivoAnnullamentoComunicazione code; whether rollback-scheda was sent (then its outcome is polled).
alter table transmission add column rollback_reason text;
alter table transmission add column rollback_sent boolean not null default false;

-- An event whose scheda ANAC annulled: kept in the history, ignored by the rules that follow.
alter table execution_event add column annulled_at timestamptz;
