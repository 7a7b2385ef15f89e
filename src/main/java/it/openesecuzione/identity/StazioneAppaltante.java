package it.openesecuzione.identity;

import it.openesecuzione.shared.CodiceFiscale;
import java.util.Objects;

/** A contracting authority: the tenant of the platform, identified by codice fiscale and AUSA code. */
public record StazioneAppaltante(long id, String denominazione, CodiceFiscale codiceFiscale, String codiceAusa,
        String tipo, String regione) {

    public StazioneAppaltante {
        Objects.requireNonNull(denominazione, "denominazione");
        Objects.requireNonNull(codiceFiscale, "codiceFiscale");
        if (codiceAusa == null || !codiceAusa.matches("\\d{10}")) {
            throw new IllegalArgumentException("Codice AUSA \"" + codiceAusa + "\" non valido: servono 10 cifre");
        }
        Objects.requireNonNull(regione, "regione");
    }
}
