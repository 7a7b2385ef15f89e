-- The accounting tables' row-level security policies, with the scope functions evaluated once per
-- statement instead of once per row: wrapped in a scalar sub-select, oe_all() and oe_authorities()
-- become an InitPlan. On a measurement book of 20,000 rows this took the read of a SAL preview from
-- ~30 ms to ~10 ms (docs/benchmarks.md, "Contabilità: SAL e PDF"). Same rules as V12.
do $$
declare t text;
begin
    foreach t in array array['accounting_settings', 'price_item', 'site_diary_entry', 'sal', 'sal_line', 'measurement',
                             'milestone', 'payment_certificate', 'advance_payment', 'price_revision']
    loop
        execute format('drop policy %I on %I', t || '_read', t);
        execute format('drop policy %I on %I', t || '_write', t);
        execute format('create policy %I on %I for select using ((select oe_all()) or authority_id = any ((select oe_authorities())::bigint[])'
                       || ' or exists (select 1 from contract c where c.authority_id = %I.authority_id))', t || '_read', t, t);
        execute format('create policy %I on %I for all using ((select oe_all()) or authority_id = any ((select oe_authorities())::bigint[]))'
                       || ' with check ((select oe_all()) or authority_id = any ((select oe_authorities())::bigint[]))', t || '_write', t);
    end loop;
end $$;
