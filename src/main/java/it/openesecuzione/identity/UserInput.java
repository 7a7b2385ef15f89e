package it.openesecuzione.identity;

import it.openesecuzione.shared.CodiceFiscale;
import it.openesecuzione.shared.FieldViolation;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A person to register at an authority, as an administrator submits it. The password is optional:
 * users who log in only with SPID/CIE have none.
 */
public record UserInput(String username, String codiceFiscale, String nome, String cognome, String email,
        String password, Set<Role> roles) {

    /** At least 12 characters with a letter and a digit: long passwords beat composition rules. */
    public static final int MIN_PASSWORD = 12;
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{2,59}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    public UserInput {
        roles = roles == null ? Set.of() : Set.copyOf(roles);
    }

    List<FieldViolation> violations() {
        List<FieldViolation> violations = new ArrayList<>();
        if (username == null || !USERNAME.matcher(username.strip()).matches()) {
            violations.add(new FieldViolation("username", username,
                    "Nome utente di 3-60 caratteri: lettere minuscole, cifre, punto, trattino"));
        }
        CodiceFiscale.problemWith(codiceFiscale).ifPresent(reason ->
                violations.add(new FieldViolation("codiceFiscale", codiceFiscale, "Codice fiscale non valido: " + reason)));
        if (codiceFiscale != null && CodiceFiscale.isValid(codiceFiscale) && !new CodiceFiscale(codiceFiscale).isPersonal()) {
            violations.add(new FieldViolation("codiceFiscale", codiceFiscale, "Serve il codice fiscale personale (16 caratteri)"));
        }
        if (nome == null || nome.isBlank()) {
            violations.add(new FieldViolation("nome", nome, "Il nome è obbligatorio"));
        }
        if (cognome == null || cognome.isBlank()) {
            violations.add(new FieldViolation("cognome", cognome, "Il cognome è obbligatorio"));
        }
        if (email == null || !EMAIL.matcher(email.strip()).matches()) {
            violations.add(new FieldViolation("email", email, "Indirizzo email non valido"));
        }
        if (password != null && !password.isBlank() && (password.length() < MIN_PASSWORD
                || password.chars().noneMatch(Character::isLetter) || password.chars().noneMatch(Character::isDigit))) {
            violations.add(new FieldViolation("password", null,
                    "La password deve avere almeno " + MIN_PASSWORD + " caratteri, con lettere e cifre"));
        }
        if (roles.isEmpty() || roles.stream().anyMatch(role -> !role.perAuthority())) {
            violations.add(new FieldViolation("roles", null, "Assegnare almeno un ruolo presso l'ente"));
        }
        return violations;
    }
}
