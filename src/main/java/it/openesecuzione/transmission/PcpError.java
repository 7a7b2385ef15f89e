package it.openesecuzione.transmission;

/** An error PCP returned: ANAC's code (ERRnn, REGnn, AUTnn) and its Italian text. */
public record PcpError(String codice, String dettaglio) {
}
