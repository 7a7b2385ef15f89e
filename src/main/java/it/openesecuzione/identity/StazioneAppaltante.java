package it.openesecuzione.identity;

import it.openesecuzione.shared.CodiceFiscale;
import it.openesecuzione.shared.FieldViolation;
import it.openesecuzione.shared.InvalidValueException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A contracting authority: the tenant of the platform, identified by codice fiscale and AUSA code.
 * Its seat (city, NUTS code, contact e-mail) goes into the eForms notices of above-threshold
 * modifications; authorities registered before it was asked for may have none.
 *
 * @param citta      the city of the seat, e.g. "Genova"; null when not recorded
 * @param codiceNuts the NUTS code of the seat, two letters and 1-3 letters or digits, upper-case
 *                   (NUTS 3, e.g. "ITC33" for Genova); null when not recorded
 * @param email      the contact e-mail; null when not recorded
 */
public record StazioneAppaltante(long id, String denominazione, CodiceFiscale codiceFiscale, String codiceAusa,
        String tipo, String regione, String citta, String codiceNuts, String email) {

    private static final Pattern NUTS = Pattern.compile("[A-Z]{2}[A-Z0-9]{1,3}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final String NUTS_RULE = "servono due lettere seguite da 1-3 lettere o cifre, ad esempio ITC33";
    private static final String EMAIL_RULE = "serve un indirizzo nella forma nome@dominio.it";
    private static final int MAX_CITTA = 100;

    /** Blank seat fields mean "not recorded"; the NUTS code is kept upper-case. */
    public StazioneAppaltante {
        Objects.requireNonNull(denominazione, "denominazione");
        Objects.requireNonNull(codiceFiscale, "codiceFiscale");
        if (codiceAusa == null || !codiceAusa.matches("\\d{10}")) {
            throw new IllegalArgumentException("Codice AUSA \"" + codiceAusa + "\" non valido: servono 10 cifre");
        }
        Objects.requireNonNull(regione, "regione");
        citta = blankToNull(citta);
        if (citta != null && citta.length() > MAX_CITTA) {
            throw new InvalidValueException("Città", InvalidValueException.Gender.FEMININE, citta,
                    "al massimo " + MAX_CITTA + " caratteri");
        }
        String nuts = normaliseNuts(codiceNuts);
        if (nuts != null && !NUTS.matcher(nuts).matches()) {
            throw new InvalidValueException("Codice NUTS", codiceNuts, NUTS_RULE);
        }
        codiceNuts = nuts;
        email = blankToNull(email);
        if (email != null && !EMAIL.matcher(email).matches()) {
            throw new InvalidValueException("Indirizzo email", email, EMAIL_RULE);
        }
    }

    /** An authority whose seat is not recorded. */
    public StazioneAppaltante(long id, String denominazione, CodiceFiscale codiceFiscale, String codiceAusa,
            String tipo, String regione) {
        this(id, denominazione, codiceFiscale, codiceAusa, tipo, regione, null, null, null);
    }

    /** True when the city and the NUTS code of the seat are recorded, as an eForms notice needs. */
    public boolean hasSeat() {
        return citta != null && codiceNuts != null;
    }

    /**
     * What is wrong with a seat as typed into a form, field by field ({@code citta},
     * {@code codiceNuts}, {@code email}) with Italian messages; empty when it may be recorded.
     * Every field is optional: blank means "not recorded".
     */
    public static List<FieldViolation> seatViolations(String citta, String codiceNuts, String email) {
        List<FieldViolation> violations = new ArrayList<>();
        String city = blankToNull(citta);
        if (city != null && city.length() > MAX_CITTA) {
            violations.add(new FieldViolation("citta", citta, "Il nome della città può avere al massimo " + MAX_CITTA + " caratteri"));
        }
        String nuts = normaliseNuts(codiceNuts);
        if (nuts != null && !NUTS.matcher(nuts).matches()) {
            violations.add(new FieldViolation("codiceNuts", codiceNuts, "Codice NUTS non valido: " + NUTS_RULE));
        }
        String mail = blankToNull(email);
        if (mail != null && !EMAIL.matcher(mail).matches()) {
            violations.add(new FieldViolation("email", email, "Indirizzo email non valido: " + EMAIL_RULE));
        }
        return violations;
    }

    private static String normaliseNuts(String codiceNuts) {
        String nuts = blankToNull(codiceNuts);
        return nuts == null ? null : nuts.toUpperCase(Locale.ROOT);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
