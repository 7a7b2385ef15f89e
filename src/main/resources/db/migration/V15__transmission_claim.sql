-- The outbox's claim reads the rows not yet final (to find each contract's first one): an index of
-- those rows alone, in the claim's order, so that a claim costs what is pending rather than every
-- scheda ever sent (bench/transmission-outbox.sh, docs/benchmarks.md §3b).
create index transmission_open on transmission (contract_id, seq) include (id, state, next_attempt_at, lease_until)
    where state in ('IN_CODA', 'CREATA', 'IN_CONFERMA', 'IN_ANNULLAMENTO', 'RIFIUTATA');

-- The policies with the scope functions evaluated once per statement (as V13 for accounting): the
-- delivery, in the system scope, no longer evaluates them for every row it scans. Same rules as V8.
drop policy transmission_read on transmission;
drop policy transmission_write on transmission;
create policy transmission_read on transmission for select
    using ((select oe_all()) or exists (select 1 from contract c where c.id = contract_id));
create policy transmission_write on transmission for all
    using ((select oe_all()) or authority_id = any ((select oe_authorities())::bigint[]))
    with check ((select oe_all()) or authority_id = any ((select oe_authorities())::bigint[]));
