package it.openesecuzione.contracts;

/** The award procedure (D.Lgs. 36/2023, arts. 50 and 70–76). */
public enum Procedura {
    APERTA("Procedura aperta"),
    RISTRETTA("Procedura ristretta"),
    COMPETITIVA_CON_NEGOZIAZIONE("Procedura competitiva con negoziazione"),
    DIALOGO_COMPETITIVO("Dialogo competitivo"),
    PARTENARIATO_INNOVAZIONE("Partenariato per l'innovazione"),
    NEGOZIATA_SENZA_BANDO("Procedura negoziata senza bando"),
    AFFIDAMENTO_DIRETTO("Affidamento diretto");

    private final String label;

    Procedura(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
