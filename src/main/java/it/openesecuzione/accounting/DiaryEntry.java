package it.openesecuzione.accounting;

import java.time.Instant;
import java.time.LocalDate;

/** A day in the site diary (giornale dei lavori): weather, workforce and what happened. */
public record DiaryEntry(long id, LocalDate date, String weather, String workforce, String notes, String recordedBy,
        Instant recordedAt) {
}
