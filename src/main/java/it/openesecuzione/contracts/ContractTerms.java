package it.openesecuzione.contracts;

import it.openesecuzione.shared.Cup;
import it.openesecuzione.shared.Money;
import it.openesecuzione.shared.Percentage;
import java.util.List;
import java.util.UUID;

/**
 * The validated, editable content of a contract. Built only by {@link ContractInput#validate()},
 * which checks every field and the rules between them.
 */
public record ContractTerms(
        String oggetto,
        Tipologia tipologia,
        Settore settore,
        boolean sopraSoglia,
        boolean concessione,
        Procedura procedura,
        Money importoBaseGara,
        Percentage ribasso,
        Money importoContrattuale,
        Money oneriSicurezza,
        int durataGiorni,
        Cup cup,
        List<Lot> lotti,
        OperatoreEconomico aggiudicatario,
        List<RtiMember> rti,
        long rupId,
        Long direttoreId,
        Long collaudatoreId,
        Long delegatoId,
        UUID idAppalto,
        UUID idContratto) {

    public ContractTerms {
        lotti = List.copyOf(lotti);
        rti = List.copyOf(rti);
    }

    public boolean isRti() {
        return !rti.isEmpty();
    }
}
