package it.openesecuzione.transmission;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One entry of esito-operazione: the outcome of an operation on a scheda.
 *
 * @param esito     OK, KO or WT (in attesa)
 * @param dettaglio e.g. SC_IN_CONF, SC_CONF, SC_N_CONF
 * @param idContratto assigned by ANAC when it confirms an SC1; null otherwise
 */
public record PcpOutcome(UUID idScheda, String codiceScheda, String esito, String dettaglio, UUID idContratto,
        List<PcpError> errori, Instant dataControllo) {

    public PcpOutcome {
        errori = errori == null ? List.of() : List.copyOf(errori);
    }
}
