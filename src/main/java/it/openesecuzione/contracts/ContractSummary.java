package it.openesecuzione.contracts;

import it.openesecuzione.shared.Money;
import java.util.List;

/** One row of the contract list. */
public record ContractSummary(long id, long authorityId, List<String> cigs, String cup, String oggetto,
        Tipologia tipologia, String aggiudicatario, Money importoContrattuale, StatoContratto stato) {
}
