package it.openesecuzione.execution;

import it.openesecuzione.contracts.Tipologia;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * What the platform knows of a contract when it builds a scheda: the fields it derives instead
 * of asking for them again.
 *
 * @param idContratto ANAC's id, known once PCP confirmed the SC1 scheda; null before
 * @param signedOn    the dataStipula of the SC1 event, null before it
 * @param today       the day the event is recorded, in Europe/Rome
 */
public record ContractFacts(long contractId, String codiceAusa, List<String> cigs, UUID idContratto, int durataGiorni,
        Tipologia tipologia, LocalDate signedOn, LocalDate today) {

    public ContractFacts {
        cigs = List.copyOf(cigs);
    }
}
