-- A scheda corrected by the RUP after PCP rejected it (or before it was confirmed): when PCP
-- already holds it (IN_LAV), modifica-scheda replaces it before it is confirmed again.
alter table transmission add column modified boolean not null default false;
