package it.openesecuzione.transmission;

import it.openesecuzione.execution.SchedaAnnulment;

/** PCP annulled a confirmed scheda (rollback-scheda outcome OK). */
record SchedaAnnulledByPcp(Long contractId, int seq, String motivazione) implements SchedaAnnulment {
}
