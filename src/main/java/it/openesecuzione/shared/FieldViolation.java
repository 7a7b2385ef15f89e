package it.openesecuzione.shared;

/**
 * One rejected field of an input, named as the API names it (e.g. {@code lotti[1].cig}), with the
 * rejected value and the reason in Italian.
 */
public record FieldViolation(String field, String value, String message) {
}
