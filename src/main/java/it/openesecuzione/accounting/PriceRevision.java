package it.openesecuzione.accounting;

import java.time.LocalDate;

/** A price revision recognised, with the modification event (M1/M2) it produced. */
public record PriceRevision(long id, LocalDate date, String indexName, PriceRevisionCalculation calculation,
        Integer executionSeq) {
}
