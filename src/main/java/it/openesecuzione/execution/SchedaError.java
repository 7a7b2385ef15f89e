package it.openesecuzione.execution;

/**
 * A problem found in a scheda: ANAC's code (REGnn from the DMN rules, or ours for required
 * fields and formats, as PCP's schema validation would report them), the anacForm field it
 * concerns (a path such as {@code datiContratto.dataScadenza}) and the Italian text.
 */
public record SchedaError(String code, String field, String message) {

    /** Code of a required field left empty: PCP rejects it at schema validation. */
    public static final String REQUIRED = "OBBLIGATORIO";
    /** Code of a value of the wrong type or format (date, UUID, number). */
    public static final String FORMAT = "FORMATO";
    /** Code of a field the platform derives, given with a different value. */
    public static final String DERIVED = "DERIVATO";
    /** Code of an event that contradicts the contract's state (a second suspension while one lasts). */
    public static final String STATE = "STATO";
    /** Code of dates inconsistent with the contract's other dates. */
    public static final String DATES = "DATE";
}
