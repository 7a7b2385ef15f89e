package it.openesecuzione.accounting;

import it.openesecuzione.shared.FieldViolation;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * A contract's accounting parameters: VAT rate, daily penalty (per mille), advance percentage and
 * the days for certificates and payments (configurable because domain.md marks them *verify*).
 */
public record AccountingSettings(BigDecimal vatPercent, BigDecimal penaltyPerMille, BigDecimal advancePercent,
        int certificateDays, int paymentDays, int version) {

    public static AccountingSettings defaults() {
        return new AccountingSettings(AccountingRules.DEFAULT_VAT_PERCENT, BigDecimal.ONE, AccountingRules.ADVANCE_PERCENT,
                AccountingRules.CERTIFICATE_DAYS, AccountingRules.PAYMENT_DAYS, 0);
    }

    public List<FieldViolation> problems() {
        List<FieldViolation> problems = new ArrayList<>();
        if (vatPercent == null || vatPercent.signum() < 0 || vatPercent.compareTo(BigDecimal.valueOf(100)) > 0
                || vatPercent.stripTrailingZeros().scale() > 2) {
            problems.add(new FieldViolation("aliquotaIva", text(vatPercent), "Aliquota IVA tra 0 e 100, al più due decimali"));
        }
        if (penaltyPerMille == null || penaltyPerMille.compareTo(AccountingRules.MIN_PENALTY_PER_MILLE) < 0
                || penaltyPerMille.compareTo(AccountingRules.MAX_PENALTY_PER_MILLE) > 0 || penaltyPerMille.stripTrailingZeros().scale() > 2) {
            problems.add(new FieldViolation("penaleGiornalieraPerMille", text(penaltyPerMille),
                    "La penale giornaliera è tra 0,5 e 1,5 per mille dell'importo netto contrattuale (art. 126)"));
        }
        if (advancePercent == null || advancePercent.signum() < 0 || advancePercent.compareTo(AccountingRules.MAX_ADVANCE_PERCENT) > 0
                || advancePercent.stripTrailingZeros().scale() > 2) {
            problems.add(new FieldViolation("percentualeAnticipazione", text(advancePercent),
                    "L'anticipazione è il 20% del valore del contratto, fino al 30% se previsto dai documenti di gara (art. 125)"));
        }
        if (certificateDays < 1 || certificateDays > 90) {
            problems.add(new FieldViolation("giorniCertificato", String.valueOf(certificateDays), "Tra 1 e 90 giorni"));
        }
        if (paymentDays < 1 || paymentDays > 180) {
            problems.add(new FieldViolation("giorniPagamento", String.valueOf(paymentDays), "Tra 1 e 180 giorni"));
        }
        return problems;
    }

    private static String text(BigDecimal value) {
        return value == null ? null : value.toPlainString();
    }
}
