package it.openesecuzione.execution;

import java.util.List;
import java.util.Map;

/**
 * How the schede of a contract are doing on their way to PCP: implemented by the transmission
 * module, read by the execution pages and API, so that execution does not depend on it.
 */
public interface SchedaDeliveries {

    /** The delivery of each scheda of the contract, by the number (seq) of its event. */
    Map<Integer, Delivery> of(long contractId);

    /**
     * @param stato       IN_CODA, CREATA, IN_CONFERMA, CONFERMATA, RIFIUTATA
     * @param idScheda    PCP's id, once created there
     * @param errori      ANAC's codes and Italian texts of a rejection
     * @param problema    the last problem met on the way (retried), if any
     */
    record Delivery(String stato, String descrizione, String idScheda, List<Error> errori, String problema, int tentativi,
            long transmissionId) {

        public Delivery {
            errori = List.copyOf(errori);
        }
    }

    record Error(String codice, String testo) {
    }
}
