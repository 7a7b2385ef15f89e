package it.openesecuzione.contracts;

import java.util.UUID;

/**
 * Implemented by events of other modules that bring ANAC's idContratto of a contract: PCP assigns
 * it when it confirms the SC1 scheda. The registry stores it in the publishing transaction.
 */
public interface ContractIdentifierAssigned {

    Long contractId();

    UUID idContratto();
}
