package it.openesecuzione.shared;

/**
 * One rejected field of an input, named as the API names it (e.g. {@code lotti[1].cig}), with the
 * rejected value, the reason in Italian and, where a published rule applies, its code (e.g. ANAC's
 * REG77).
 */
public record FieldViolation(String field, String value, String message, String code) {

    public FieldViolation(String field, String value, String message) {
        this(field, value, message, null);
    }
}
