package it.openesecuzione.execution;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reads the fields of an anacForm section submitted as JSON (maps, lists, strings, numbers,
 * booleans), collecting an error per unreadable field instead of failing at the first.
 * Dates are legal dates: "2026-03-15" or an ISO date-time, kept as the day in Europe/Rome.
 */
final class FormReader {

    static final ZoneId ROME = ZoneId.of("Europe/Rome");
    private static final DateTimeFormatter ANAC_DATE_TIME = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private final Map<String, Object> section;
    private final String prefix;
    private final List<SchedaError> errors;

    /** Whether the whole section is absent: then it alone is reported, not each of its fields. */
    private final boolean absent;

    /** @param section the section's fields; null when the section is absent altogether */
    FormReader(Map<String, Object> section, String prefix, List<SchedaError> errors) {
        this.absent = section == null;
        this.section = section == null ? Map.of() : section;
        this.prefix = prefix;
        this.errors = errors;
    }

    /**
     * The anacForm date-time of a legal date: the day at 00:00 UTC ("2026-03-15T00:00:00Z"). ANAC's
     * rules compare dates as text, so every date must have the same form; and midnight UTC is
     * still the same day in Rome, where midnight Rome would be the day before in UTC.
     */
    static String anacDateTime(LocalDate date) {
        return date == null ? null : date.atStartOfDay(java.time.ZoneOffset.UTC).toOffsetDateTime().format(ANAC_DATE_TIME);
    }

    boolean has(String name) {
        Object value = section.get(name);
        return value != null && !(value instanceof String text && text.isBlank());
    }

    LocalDate date(String name, boolean required) {
        if (!has(name)) {
            missing(name, required);
            return null;
        }
        String text = section.get(name).toString().trim();
        try {
            return text.length() == 10 ? LocalDate.parse(text) : OffsetDateTime.parse(text).atZoneSameInstant(ROME).toLocalDate();
        } catch (DateTimeParseException e) {
            errors.add(new SchedaError(SchedaError.FORMAT, path(name), "Data non valida: \"" + text + "\" (atteso AAAA-MM-GG)"));
            return null;
        }
    }

    Boolean bool(String name, boolean required) {
        if (!has(name)) {
            missing(name, required);
            return null;
        }
        Object value = section.get(name);
        if (value instanceof Boolean bool) {
            return bool;
        }
        errors.add(new SchedaError(SchedaError.FORMAT, path(name), "Valore non valido: atteso true o false"));
        return null;
    }

    BigDecimal amount(String name, boolean required) {
        if (!has(name)) {
            missing(name, required);
            return null;
        }
        try {
            return new BigDecimal(section.get(name).toString().trim());
        } catch (NumberFormatException e) {
            errors.add(new SchedaError(SchedaError.FORMAT, path(name), "Importo non valido: \"" + section.get(name) + "\""));
            return null;
        }
    }

    Integer count(String name, boolean required) {
        if (!has(name)) {
            missing(name, required);
            return null;
        }
        try {
            return new BigDecimal(section.get(name).toString().trim()).intValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            errors.add(new SchedaError(SchedaError.FORMAT, path(name), "Numero intero non valido: \"" + section.get(name) + "\""));
            return null;
        }
    }

    UUID uuid(String name, boolean required) {
        if (!has(name)) {
            missing(name, required);
            return null;
        }
        try {
            return UUID.fromString(section.get(name).toString().trim());
        } catch (IllegalArgumentException e) {
            errors.add(new SchedaError(SchedaError.FORMAT, path(name), "Identificativo non valido: atteso un UUID"));
            return null;
        }
    }

    @SuppressWarnings("unchecked")
    List<Object> list(String name) {
        Object value = section.get(name);
        return value instanceof List<?> list ? (List<Object>) list : null;
    }

    void missing(String name, boolean required) {
        if (required && !absent) {
            errors.add(new SchedaError(SchedaError.REQUIRED, path(name), "Campo obbligatorio"));
        }
    }

    String path(String name) {
        return prefix == null ? name : prefix + "." + name;
    }
}
