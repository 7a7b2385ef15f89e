package it.openesecuzione.shared;

/**
 * The operation lost a race (stale version) or contradicts the current state. An optional code
 * names the rule, e.g. ANAC's ERR2 for a scheda out of order.
 */
public class ConflictException extends RuntimeException {

    private final String code;

    public ConflictException(String message) {
        this(null, message);
    }

    public ConflictException(String code, String message) {
        super(message);
        this.code = code;
    }

    /** The rule's code, or null. */
    public String code() {
        return code;
    }
}
