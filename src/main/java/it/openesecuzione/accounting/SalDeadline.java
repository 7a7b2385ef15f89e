package it.openesecuzione.accounting;

import java.time.LocalDate;

/**
 * Where a SAL stands with its payment certificate: due within the configured days of the SAL
 * (7 by default), flagged when late.
 *
 * @param certifiedOn the certificate's issue date, null while not issued
 * @param late        issued after the due day, or not issued and the due day has passed
 */
public record SalDeadline(int salNumber, LocalDate salDate, LocalDate certificateDue, LocalDate certifiedOn, boolean late) {
}
