package it.openesecuzione.accounting;

/** The payment certificates of a contract. */
public enum CertificateKind {
    ANTICIPAZIONE("Anticipazione"),
    SAL("Stato di avanzamento"),
    /** The balance (rata di saldo) after acceptance: withholdings released, penalties deducted. */
    SALDO("Rata di saldo");

    private final String label;

    CertificateKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
