package it.openesecuzione.transmission;

/** Where a scheda stands on its way to PCP. */
public enum TransmissionState {
    /** Waiting for its turn (its predecessor's outcome) or for crea-scheda. */
    IN_CODA("In coda"),
    /** Created on PCP (idScheda known, state IN_LAV there): to confirm. */
    CREATA("Creata su PCP"),
    /** Confirmation requested: waiting for PCP's outcome. */
    IN_CONFERMA("In conferma"),
    /** Confirmed by PCP. */
    CONFERMATA("Confermata"),
    /** Rejected by PCP, with ANAC's error codes: waits for the RUP. */
    RIFIUTATA("Rifiutata"),
    /** Confirmed, and its annulment (rollback-scheda) requested: waiting for PCP's outcome. */
    IN_ANNULLAMENTO("In annullamento"),
    /** Annulled by PCP: the event no longer counts. */
    ANNULLATA("Annullata");

    private final String label;

    TransmissionState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Still on its way: the delivery works on it. */
    public boolean pending() {
        return this == IN_CODA || this == CREATA || this == IN_CONFERMA || this == IN_ANNULLAMENTO;
    }
}
