package it.openesecuzione.accounting;

/** What a progress statement measures. */
public enum SalBasis {
    /** Works: quantities from the measurement book, priced with the price list. */
    MISURE("Misure del libretto"),
    /** Services and supplies: a percentage of the contract executed. */
    PERCENTUALE("Percentuale di esecuzione"),
    /** Services and supplies: milestones (fasi) of the contract reached, each worth a share of it. */
    MILESTONE("Fasi raggiunte");

    private final String label;

    SalBasis(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
