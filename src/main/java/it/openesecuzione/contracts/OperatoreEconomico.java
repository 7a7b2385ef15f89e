package it.openesecuzione.contracts;

import it.openesecuzione.shared.CodiceFiscale;
import it.openesecuzione.shared.PartitaIva;
import java.util.Objects;

/** The awardee: a firm, or the mandataria's data standing for an RTI. Partita IVA is optional (foreign firms). */
public record OperatoreEconomico(String denominazione, CodiceFiscale codiceFiscale, PartitaIva partitaIva) {

    public OperatoreEconomico {
        Objects.requireNonNull(denominazione, "denominazione");
        Objects.requireNonNull(codiceFiscale, "codiceFiscale");
    }
}
