package it.openesecuzione.execution;

import it.openesecuzione.contracts.Procedura;
import it.openesecuzione.contracts.Tipologia;
import java.math.BigDecimal;
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
 * @param importoContrattuale the original contract amount, safety costs included (euro)
 * @param sopraSoglia and {@code concessione}: they choose between M1, M2, M1_40, M2_40
 * @param currentValue the contract value after the modifications recorded so far
 * @param completedOn the date of the last conclusion (CO1) recorded, null before it: acceptance
 *                    (CL1) follows it, within six months (art. 116)
 */
public record ContractFacts(long contractId, String codiceAusa, List<String> cigs, UUID idContratto, int durataGiorni,
        Tipologia tipologia, LocalDate signedOn, LocalDate today, BigDecimal importoContrattuale, Procedura procedura,
        boolean sopraSoglia, boolean concessione, BigDecimal currentValue, LocalDate completedOn) {

    public ContractFacts {
        cigs = List.copyOf(cigs);
    }

    /** Facts of a contract not concluded yet (no CO1 recorded). */
    public ContractFacts(long contractId, String codiceAusa, List<String> cigs, UUID idContratto, int durataGiorni,
            Tipologia tipologia, LocalDate signedOn, LocalDate today, BigDecimal importoContrattuale, Procedura procedura,
            boolean sopraSoglia, boolean concessione, BigDecimal currentValue) {
        this(contractId, codiceAusa, cigs, idContratto, durataGiorni, tipologia, signedOn, today, importoContrattuale,
                procedura, sopraSoglia, concessione, currentValue, null);
    }
}
