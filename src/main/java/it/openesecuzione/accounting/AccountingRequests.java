package it.openesecuzione.accounting;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** The inputs of the accounting use cases, as the API and the forms give them. */
public final class AccountingRequests {

    private AccountingRequests() {
    }

    /** An entry of the measurement book: a quantity, or parts and dimensions that multiply. */
    public record MeasurementInput(Long itemId, LocalDate date, String description, BigDecimal parts, BigDecimal length,
            BigDecimal width, BigDecimal height, BigDecimal quantity, String notes) {
    }

    public record DiaryInput(LocalDate date, String weather, String workforce, String notes) {
    }

    /**
     * A progress statement: for works from the measurements up to the date; for services and
     * supplies a cumulative percentage or the milestones reached in this period.
     */
    public record SalInput(LocalDate date, Boolean finalStatement, BigDecimal percentage, List<Long> milestoneIds) {
    }

    /**
     * The payment certificate of a SAL. {@code avanzamento} is ANAC's code for the schedule (9 on
     * time, 10 ahead, 11 late; default 9), {@code numGiorniScostamento} the days ahead or late,
     * {@code numGiorniProroga} the days of an extension granted since the last SA1 (not due to a
     * modification): they go into the SA1 and move the contract term.
     */
    public record CertificateInput(LocalDate issueDate, String avanzamento, Integer numGiorniScostamento, Integer numGiorniProroga) {

        public CertificateInput(LocalDate issueDate, String avanzamento, Integer numGiorniScostamento) {
            this(issueDate, avanzamento, numGiorniScostamento, null);
        }
    }

    public record AdvanceInput(BigDecimal percent, LocalDate issueDate, String guarantor, String guaranteeNumber,
            BigDecimal guaranteeAmount, LocalDate guaranteeDate) {
    }

    /**
     * A price revision: the index (e.g. ISTAT's or the MIT's cost index), its value at the offer and
     * now, the amount executed in the period it applies to; the approval date and, optionally, the
     * transparency URL of the act, which go into the modification scheda.
     */
    public record RevisionInput(LocalDate date, String indexName, BigDecimal basis, BigDecimal baseIndex, BigDecimal currentIndex,
            String urlDocumentazione) {
    }

    public record MilestoneInput(String description, BigDecimal percentage) {
    }

    public record BalanceInput(LocalDate issueDate) {
    }
}
