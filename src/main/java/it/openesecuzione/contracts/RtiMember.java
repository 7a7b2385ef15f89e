package it.openesecuzione.contracts;

import it.openesecuzione.shared.CodiceFiscale;
import java.math.BigDecimal;
import java.util.Objects;

/** A member of a temporary grouping of firms (RTI), with its role and share of the works in percent. */
public record RtiMember(String denominazione, CodiceFiscale codiceFiscale, Ruolo ruolo, BigDecimal quota) {

    public enum Ruolo { MANDATARIA, MANDANTE }

    public RtiMember {
        Objects.requireNonNull(denominazione, "denominazione");
        Objects.requireNonNull(codiceFiscale, "codiceFiscale");
        Objects.requireNonNull(ruolo, "ruolo");
        Objects.requireNonNull(quota, "quota");
    }
}
