-- Who corrected an event last, and how they had logged in: the calls about its scheda after the
-- correction (modifica-scheda, or a new crea-scheda, and conferma-scheda) are made in their name.
alter table execution_event
    add column corrected_by  varchar(16),
    add column corrected_loa varchar(1) check (corrected_loa in ('3', '4')),
    add column corrected_idp varchar(6) check (corrected_idp in ('SPID', 'CIE', 'CNS', 'EIDAS', 'CUSTOM')),
    add constraint execution_event_corrector_whole
        check ((corrected_by is null) = (corrected_loa is null) and (corrected_loa is null) = (corrected_idp is null));

-- The simulator keeps who last modified each scheda (modifica-scheda), as its tracking token stated it.
alter table pcpsim_scheda add column modified_by jsonb;
