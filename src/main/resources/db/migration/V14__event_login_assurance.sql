-- How the user who recorded an event had logged in (ANAC's userLoa and userIdpType): the
-- transmission states it in the tracking token of every call about the event's scheda. Null for
-- events recorded before this column existed, and for those the system records.
alter table execution_event
    add column recorded_loa varchar(1) check (recorded_loa in ('3', '4')),
    add column recorded_idp varchar(6) check (recorded_idp in ('SPID', 'CIE', 'CNS', 'EIDAS', 'CUSTOM')),
    add constraint execution_event_assurance_whole check ((recorded_loa is null) = (recorded_idp is null));

-- The simulator keeps who created each scheda, as its tracking token stated it (userCodiceFiscale,
-- userRole, userLoa, userIdpType): ANAC knows the person behind every scheda, and tests check that
-- the platform states the one who recorded the event.
alter table pcpsim_scheda add column created_by jsonb;
