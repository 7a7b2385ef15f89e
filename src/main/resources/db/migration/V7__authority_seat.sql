-- The authority's seat, for the eForms notices the platform generates (M1, M1_40): the city, the
-- NUTS 3 code of the seat (e.g. ITC33 for Genova) and a contact e-mail. Nullable: authorities
-- registered before have none until an administrator records it. The table-wide grants of V1
-- cover the new columns, and stazione_appaltante has no row-level security.
alter table stazione_appaltante add column citta text;
alter table stazione_appaltante add column codice_nuts varchar(5)
    check (codice_nuts ~ '^[A-Z]{2}[A-Z0-9]{1,3}$');
alter table stazione_appaltante add column email text;
