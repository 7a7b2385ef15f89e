-- The platform's own audit chain (authority_id null: logins, users, platform-wide changes) may be
-- appended to from any scope, since such events happen before or outside an authority's scope;
-- it stays readable only with the platform-wide scope. Entries remain append-only.
drop policy audit_entry_insert on audit_entry;
create policy audit_entry_insert on audit_entry for insert
    with check (authority_id is null or oe_all() or authority_id = any (oe_authorities()));
