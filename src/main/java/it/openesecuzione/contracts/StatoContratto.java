package it.openesecuzione.contracts;

/**
 * Where the contract stands. AGGIUDICATO until the SC1 scheda; then ANAC's states: SOTT (signed),
 * IN_ESEC (in execution), CONCL (concluded), COLL (tested and accepted).
 */
public enum StatoContratto {
    AGGIUDICATO("Aggiudicato"), SOTT("Sottoscritto"), IN_ESEC("In esecuzione"), CONCL("Concluso"), COLL("Collaudato");

    private final String label;

    StatoContratto(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
