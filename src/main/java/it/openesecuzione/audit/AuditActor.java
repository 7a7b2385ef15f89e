package it.openesecuzione.audit;

/** Who acted: codice fiscale (null for the system), display name, and the role they acted in. */
public record AuditActor(String codiceFiscale, String name, String role) {

    public static final AuditActor SYSTEM = new AuditActor(null, "Sistema", "SISTEMA");
}
