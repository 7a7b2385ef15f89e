package it.openesecuzione.execution;

/**
 * Implemented by events of other modules that bring ANAC's annulment of a confirmed scheda
 * (rollback-scheda): the execution log marks the event and restores the contract's state.
 *
 * @param motivazione ANAC's motivoAnnullamentoComunicazione code
 */
public interface SchedaAnnulment {

    Long contractId();

    int seq();

    String motivazione();
}
