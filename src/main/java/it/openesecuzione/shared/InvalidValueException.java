package it.openesecuzione.shared;

/**
 * A value that does not satisfy the rules of its type. The message is in Italian because it
 * reaches the people who typed or imported the value (RUP, direttore dell'esecuzione, uffici).
 *
 * <p>Example: {@code CIG "ZAB1234567" non valido: i caratteri di controllo non corrispondono ...}
 */
public class InvalidValueException extends IllegalArgumentException {

    /** Grammatical gender of {@link #kind()}, so the message reads "non valido" or "non valida". */
    public enum Gender { MASCULINE, FEMININE }

    private static final long serialVersionUID = 1L;

    private final String kind;
    private final String value;
    private final String reason;

    /** For kinds of masculine gender: "CIG", "CUP", "codice fiscale", "importo". */
    public InvalidValueException(String kind, String value, String reason) {
        this(kind, Gender.MASCULINE, value, reason);
    }

    /** For any kind; use {@link Gender#FEMININE} for e.g. "partita IVA", "percentuale". */
    public InvalidValueException(String kind, Gender gender, String value, String reason) {
        super(message(kind, gender, value, reason));
        this.kind = kind;
        this.value = value;
        this.reason = reason;
    }

    /** What was being validated, in Italian: "CIG", "partita IVA", "importo", ... */
    public String kind() {
        return kind;
    }

    /** The offending input exactly as received; null when the value was missing. */
    public String value() {
        return value;
    }

    /** Why the value was rejected, in Italian, without the kind and the value. */
    public String reason() {
        return reason;
    }

    private static String message(String kind, Gender gender, String value, String reason) {
        String invalid = gender == Gender.FEMININE ? "non valida" : "non valido";
        String shown = value == null ? "" : " \"" + value + "\"";
        return kind + shown + " " + invalid + ": " + reason;
    }
}
