package it.openesecuzione.transmission;

import it.openesecuzione.contracts.ContractIdentifierAssigned;
import java.util.UUID;

/** PCP confirmed the SC1 of a contract and assigned its idContratto. */
record IdContrattoReceived(Long contractId, UUID idContratto) implements ContractIdentifierAssigned {
}
