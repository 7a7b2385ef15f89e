package it.openesecuzione.accounting;

import java.math.BigDecimal;

/**
 * The legal figures of works accounting, named once. Where domain.md marks a figure *verify*
 * (the 7 and 30 days) it is the default of a per-contract setting, not a constant.
 */
public final class AccountingRules {

    /** Withholding on the net progressive amount of each payment (ritenuta di garanzia). */
    public static final BigDecimal WITHHOLDING_PERCENT = new BigDecimal("0.50");
    /** Art. 125 c. 1: the advance is 20% of the contract value... */
    public static final BigDecimal ADVANCE_PERCENT = new BigDecimal("20");
    /** ...up to 30% when the tender documents allow it. */
    public static final BigDecimal MAX_ADVANCE_PERCENT = new BigDecimal("30");
    /** Art. 126: penalties per day of delay between 0.5 and 1.5 per thousand of the net contract amount... */
    public static final BigDecimal MIN_PENALTY_PER_MILLE = new BigDecimal("0.5");
    public static final BigDecimal MAX_PENALTY_PER_MILLE = new BigDecimal("1.5");
    /** ...and in all no more than 10% of it (beyond, grounds for termination). */
    public static final BigDecimal PENALTY_CAP_PERCENT = new BigDecimal("10");
    /** Default days to issue the payment certificate after the SAL (domain.md: *verify*). */
    public static final int CERTIFICATE_DAYS = 7;
    /** Default days to pay after the SAL (domain.md: *verify*). */
    public static final int PAYMENT_DAYS = 30;
    /** VAT on works is usually 10% (22% for many services): a per-contract setting. */
    public static final BigDecimal DEFAULT_VAT_PERCENT = new BigDecimal("10");
    /** Art. 60 as amended in 2024: works, changes above 3%, 90% of the excess. */
    public static final BigDecimal WORKS_REVISION_THRESHOLD = new BigDecimal("3");
    public static final BigDecimal WORKS_REVISION_SHARE = new BigDecimal("90");
    /** Services and supplies: above 5%, 80% of the excess. */
    public static final BigDecimal SERVICES_REVISION_THRESHOLD = new BigDecimal("5");
    public static final BigDecimal SERVICES_REVISION_SHARE = new BigDecimal("80");

    private AccountingRules() {
    }
}
