-- The event a scheda refers to (ES1 -> its RSU1, CS1 -> its ES1, RI1/SQ1 -> their SO1, a cascade
-- RSU1 -> the earlier RSU1): PCP identifies it by the idScheda it assigned, which the transmission
-- fills in from the referenced event once PCP confirmed it.
alter table execution_event add column related_seq int;

-- The parts of the scheda body besides anacForm: the Base64 ESPD request of RSU1, the Base64
-- eForm of M1 and M1_40.
alter table execution_event add column body_parts jsonb not null default '{}';
