package it.openesecuzione.contracts;

/** The object of the contract, as the Codice and ANAC classify it. */
public enum Tipologia {
    LAVORI("Lavori"), SERVIZI("Servizi"), FORNITURE("Forniture");

    private final String label;

    Tipologia(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
