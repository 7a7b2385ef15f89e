package it.openesecuzione.identity;

/** Roles a user holds. The first six are held per stazione appaltante; the last two platform-wide. */
public enum Role {
    AMMINISTRATORE("Amministratore"),
    RUP("RUP"),
    DL("Direttore dei lavori"),
    DEC("Direttore dell'esecuzione"),
    COLLAUDATORE("Collaudatore"),
    SUPPORTO_RUP("Supporto al RUP"),
    OSSERVATORIO("Osservatorio regionale"),
    PLATFORM_ADMIN("Amministratore della piattaforma");

    private final String label;

    Role(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean perAuthority() {
        return this != OSSERVATORIO && this != PLATFORM_ADMIN;
    }
}
