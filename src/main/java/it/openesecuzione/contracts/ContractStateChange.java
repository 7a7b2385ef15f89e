package it.openesecuzione.contracts;

/**
 * Implemented by events of other modules that move a contract to a new state (the execution
 * module's confirmed schede). The registry applies them in the publishing transaction; owning
 * the interface keeps contracts unaware of who moves it.
 */
public interface ContractStateChange {

    Long contractId();

    /** The new state, or null when the event leaves the state as it is. */
    StatoContratto newState();
}
