package it.openesecuzione.contracts;

/** Ordinary sectors, or the special sectors (water, energy, transport, postal: Part II of Book III). */
public enum Settore {
    ORDINARIO("Ordinario"), SPECIALE("Speciale");

    private final String label;

    Settore(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
