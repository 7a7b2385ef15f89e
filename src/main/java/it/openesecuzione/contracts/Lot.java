package it.openesecuzione.contracts;

import it.openesecuzione.shared.Cig;
import java.util.Objects;

/** A lot of the appalto covered by the contract, identified by its CIG. */
public record Lot(Cig cig, String descrizione) {

    public Lot {
        Objects.requireNonNull(cig, "cig");
    }
}
