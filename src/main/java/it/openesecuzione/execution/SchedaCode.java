package it.openesecuzione.execution;

import it.openesecuzione.contracts.StatoContratto;

/**
 * The ANAC schede of the execution phase (functional area A_5 of the certification rules), with
 * the contract state each one moves the contract to, as ANAC's ordering table states
 * ({@code nuovoStatoContratto} in schema-cronologia-schede).
 */
public enum SchedaCode {
    SC1("Stipula del contratto", StatoContratto.SOTT),
    I1("Inizio dell'esecuzione", StatoContratto.IN_ESEC),
    SA1("Stato di avanzamento", null),
    SO1("Sospensione", null),
    SQ1("Sospensione oltre un quarto del tempo o sei mesi", null),
    RI1("Ripresa dell'esecuzione", null),
    M1("Modifica del contratto (sopra soglia)", null),
    M2("Modifica del contratto (sotto soglia)", null),
    M1_40("Modifica della concessione (sopra soglia)", null),
    M2_40("Modifica della concessione (sotto soglia)", null),
    RSU1("Richiesta di subappalto", null),
    ES1("Esito dell'istanza di subappalto", null),
    CS1("Conclusione del subappalto", null),
    AC1("Accordo bonario", null),
    IR1("Istanza di recesso", null),
    CO1("Conclusione del contratto", StatoContratto.CONCL),
    CO2("Conclusione dell'affidamento diretto sotto 5.000 euro", StatoContratto.CONCL),
    CL1("Collaudo o certificato di regolare esecuzione", StatoContratto.COLL),
    S4("Subentro nel contratto", null);

    private final String description;
    private final StatoContratto newState;

    SchedaCode(String description, StatoContratto newState) {
        this.description = description;
        this.newState = newState;
    }

    public String description() {
        return description;
    }

    /** The state the contract enters when this scheda is confirmed, or null if unchanged. */
    public StatoContratto newState() {
        return newState;
    }
}
