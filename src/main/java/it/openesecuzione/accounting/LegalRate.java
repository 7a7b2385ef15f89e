package it.openesecuzione.accounting;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * The late-payment interest rate (D.Lgs. 231/2002: the ECB reference rate plus 8 points, published
 * each half year) in force from a day, as entered by the administrator.
 *
 * @param annualPercent e.g. 10.15 for 10.15% a year
 */
public record LegalRate(LocalDate validFrom, BigDecimal annualPercent) {
}
