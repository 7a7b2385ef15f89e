package it.openesecuzione.identity;

import it.openesecuzione.shared.CodiceFiscale;
import it.openesecuzione.shared.FieldViolation;
import it.openesecuzione.shared.InvalidInputException;
import it.openesecuzione.shared.NotFoundException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Users and stazioni appaltanti: lookups for other modules and the administrative operations
 * (creating authorities and recording their seat, creating users, granting roles) used by the demo
 * seeding and admin pages.
 */
@Service
public class UserDirectory implements StazioniAppaltanti {

    private final JdbcClient jdbc;
    private final PasswordEncoder passwordEncoder;
    private final ApplicationEventPublisher events;

    UserDirectory(JdbcClient jdbc, PasswordEncoder passwordEncoder, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.passwordEncoder = passwordEncoder;
        this.events = events;
    }

    /** A new user; password may be null for users who only log in through OpenID Connect. */
    public record NewUser(String username, CodiceFiscale codiceFiscale, String nome, String cognome, String email,
            String password, String observatoryRegion, boolean platformAdmin) {
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<StazioneAppaltante> find(long id) {
        return jdbc.sql("select * from stazione_appaltante where id = ?").param(id)
                .query(UserDirectory::authority).optional();
    }

    @Override
    @Transactional(readOnly = true)
    public List<StazioneAppaltante> all() {
        return jdbc.sql("select * from stazione_appaltante order by denominazione").query(UserDirectory::authority).list();
    }

    @Transactional(readOnly = true)
    public Optional<StazioneAppaltante> findAuthorityByCodiceFiscale(String codiceFiscale) {
        return jdbc.sql("select * from stazione_appaltante where codice_fiscale = ?").param(codiceFiscale)
                .query(UserDirectory::authority).optional();
    }

    /** Registers an authority whose seat is not recorded yet. */
    @Transactional
    public StazioneAppaltante createAuthority(String denominazione, CodiceFiscale codiceFiscale, String codiceAusa,
            String tipo, String regione) {
        return createAuthority(denominazione, codiceFiscale, codiceAusa, tipo, regione, null, null, null);
    }

    /**
     * Registers an authority with its seat (city, NUTS code, contact e-mail), each optional: blank
     * means not recorded. Throws {@link InvalidInputException} for a malformed seat, writing nothing.
     */
    @Transactional
    public StazioneAppaltante createAuthority(String denominazione, CodiceFiscale codiceFiscale, String codiceAusa,
            String tipo, String regione, String citta, String codiceNuts, String email) {
        rejectInvalidSeat(citta, codiceNuts, email);
        StazioneAppaltante candidate = new StazioneAppaltante(0, denominazione, codiceFiscale, codiceAusa, tipo, regione,
                citta, codiceNuts, email);
        long id = jdbc.sql("""
                insert into stazione_appaltante (denominazione, codice_fiscale, codice_ausa, tipo, regione,
                                                 citta, codice_nuts, email)
                values (?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(denominazione, codiceFiscale.value(), codiceAusa, tipo, regione,
                        candidate.citta(), candidate.codiceNuts(), candidate.email())
                .query(Long.class).single();
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("denominazione", denominazione);
        summary.put("codiceFiscale", codiceFiscale.value());
        summary.put("codiceAusa", codiceAusa);
        summary.put("tipo", tipo);
        summary.put("regione", regione);
        if (candidate.citta() != null || candidate.codiceNuts() != null || candidate.email() != null) {
            summary.putAll(seat(candidate));
        }
        events.publishEvent(new IdentityChanged(id, IdentityChanged.AUTHORITY_REGISTERED, summary));
        return new StazioneAppaltante(id, denominazione, codiceFiscale, codiceAusa, tipo, regione,
                candidate.citta(), candidate.codiceNuts(), candidate.email());
    }

    /**
     * Records or corrects the seat of an authority (blank fields clear it), auditing the change
     * with the previous values; a platform administrator's operation. Throws
     * {@link InvalidInputException} for a malformed seat and {@link NotFoundException} for an
     * unknown authority, writing nothing then. Nothing is written or audited when the seat is unchanged.
     */
    @Transactional
    public StazioneAppaltante updateAuthoritySeat(long id, String citta, String codiceNuts, String email) {
        rejectInvalidSeat(citta, codiceNuts, email);
        StazioneAppaltante current = jdbc.sql("select * from stazione_appaltante where id = ? for update").param(id)
                .query(UserDirectory::authority).optional()
                .orElseThrow(() -> new NotFoundException("Stazione appaltante " + id + " non trovata"));
        StazioneAppaltante updated = new StazioneAppaltante(id, current.denominazione(), current.codiceFiscale(),
                current.codiceAusa(), current.tipo(), current.regione(), citta, codiceNuts, email);
        if (updated.equals(current)) {
            return current;
        }
        jdbc.sql("update stazione_appaltante set citta = ?, codice_nuts = ?, email = ? where id = ?")
                .params(updated.citta(), updated.codiceNuts(), updated.email(), id).update();
        Map<String, Object> summary = new LinkedHashMap<>(seat(updated));
        summary.put("precedente", seat(current));
        events.publishEvent(new IdentityChanged(id, IdentityChanged.AUTHORITY_UPDATED, summary));
        return updated;
    }

    private static void rejectInvalidSeat(String citta, String codiceNuts, String email) {
        List<FieldViolation> violations = StazioneAppaltante.seatViolations(citta, codiceNuts, email);
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
    }

    private static Map<String, Object> seat(StazioneAppaltante authority) {
        Map<String, Object> seat = new LinkedHashMap<>();
        seat.put("citta", authority.citta());
        seat.put("codiceNuts", authority.codiceNuts());
        seat.put("email", authority.email());
        return seat;
    }

    @Transactional
    public PlatformUser createUser(NewUser user) {
        long id = jdbc.sql("""
                insert into app_user (username, codice_fiscale, nome, cognome, email, password_hash,
                                      observatory_region, platform_admin)
                values (?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(user.username(), user.codiceFiscale().value(), user.nome(), user.cognome(), user.email(),
                        user.password() == null ? null : passwordEncoder.encode(user.password()),
                        user.observatoryRegion(), user.platformAdmin())
                .query(Long.class).single();
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("utente", id);
        summary.put("username", user.username());
        summary.put("codiceFiscale", user.codiceFiscale().value());
        summary.put("nome", user.nome() + " " + user.cognome());
        summary.put("email", user.email());
        summary.put("osservatorio", user.observatoryRegion());
        summary.put("amministratorePiattaforma", user.platformAdmin());
        summary.put("passwordLocale", user.password() != null);
        events.publishEvent(new IdentityChanged(null, IdentityChanged.USER_REGISTERED, summary));
        return findById(id).orElseThrow();
    }

    @Transactional
    public void grant(long userId, long authorityId, Role role) {
        if (!role.perAuthority()) {
            throw new IllegalArgumentException("Il ruolo " + role + " non si assegna per stazione appaltante");
        }
        int added = jdbc.sql("""
                insert into user_authority_role (user_id, authority_id, role) values (?, ?, ?)
                on conflict do nothing""").params(userId, authorityId, role.name()).update();
        if (added == 1) {
            events.publishEvent(new IdentityChanged(authorityId, IdentityChanged.ROLE_GRANTED,
                    Map.of("utente", userId, "ruolo", role.name())));
        }
    }

    @Transactional
    public void revoke(long userId, long authorityId, Role role) {
        int removed = jdbc.sql("delete from user_authority_role where user_id = ? and authority_id = ? and role = ?")
                .params(userId, authorityId, role.name()).update();
        if (removed == 1) {
            events.publishEvent(new IdentityChanged(authorityId, IdentityChanged.ROLE_REVOKED,
                    Map.of("utente", userId, "ruolo", role.name())));
        }
    }

    /**
     * Registers a person at an authority with the given roles, after checking every field; an
     * administrator's operation. Throws with all the problems at once and writes nothing then.
     */
    @Transactional
    public PlatformUser registerAtAuthority(long authorityId, UserInput input) {
        List<FieldViolation> violations = new ArrayList<>(input.violations());
        if (input.username() != null && findByUsername(input.username().strip()).isPresent()) {
            violations.add(new FieldViolation("username", input.username(), "Nome utente già in uso"));
        }
        if (input.codiceFiscale() != null && CodiceFiscale.isValid(input.codiceFiscale()) && jdbc.sql(
                "select count(*) from app_user where codice_fiscale = ?").param(new CodiceFiscale(input.codiceFiscale()).value())
                .query(Long.class).single() > 0) {
            violations.add(new FieldViolation("codiceFiscale", input.codiceFiscale(), "Esiste già un utente con questo codice fiscale"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        PlatformUser user = createUser(new NewUser(input.username().strip(), new CodiceFiscale(input.codiceFiscale()),
                input.nome().strip(), input.cognome().strip(), input.email().strip(),
                input.password() == null || input.password().isBlank() ? null : input.password(), null, false));
        input.roles().forEach(role -> grant(user.id(), authorityId, role));
        return findById(user.id()).orElseThrow();
    }

    @Transactional(readOnly = true)
    public Optional<PlatformUser> findById(long id) {
        return jdbc.sql("select * from app_user where id = ?").param(id).query(this::user).optional();
    }

    @Transactional(readOnly = true)
    public Optional<PlatformUser> findByUsername(String username) {
        return jdbc.sql("select * from app_user where username = ?").param(username).query(this::user).optional();
    }

    @Transactional(readOnly = true)
    public Optional<PlatformUser> findByCodiceFiscale(String codiceFiscale) {
        return jdbc.sql("select * from app_user where codice_fiscale = ? and enabled").param(codiceFiscale)
                .query(this::user).optional();
    }

    /** Users of an authority holding a role there, e.g. the RUPs to choose from in a contract form. */
    @Transactional(readOnly = true)
    public List<PlatformUser> usersWithRole(long authorityId, Role role) {
        return jdbc.sql("""
                select u.* from app_user u join user_authority_role r on r.user_id = u.id
                where r.authority_id = ? and r.role = ? and u.enabled order by u.cognome, u.nome""")
                .params(authorityId, role.name()).query(this::user).list();
    }

    /** Every enabled user holding any role at the authority. */
    @Transactional(readOnly = true)
    public List<PlatformUser> usersOf(long authorityId) {
        return jdbc.sql("""
                select * from app_user u where u.enabled
                and exists (select 1 from user_authority_role r where r.user_id = u.id and r.authority_id = ?)
                order by u.cognome, u.nome""")
                .param(authorityId).query(this::user).list();
    }

    private PlatformUser user(java.sql.ResultSet row, int rowNum) throws java.sql.SQLException {
        long id = row.getLong("id");
        Map<Long, Set<Role>> roles = new LinkedHashMap<>();
        jdbc.sql("select authority_id, role from user_authority_role where user_id = ? order by authority_id, role")
                .param(id)
                .query((r, n) -> Map.entry(r.getLong("authority_id"), Role.valueOf(r.getString("role"))))
                .list()
                .forEach(e -> roles.computeIfAbsent(e.getKey(), k -> EnumSet.noneOf(Role.class)).add(e.getValue()));
        return new PlatformUser(id, row.getString("username"), row.getString("codice_fiscale"), row.getString("nome"),
                row.getString("cognome"), row.getString("email"), roles, row.getString("observatory_region"),
                row.getBoolean("platform_admin"));
    }

    private static StazioneAppaltante authority(java.sql.ResultSet row, int rowNum) throws java.sql.SQLException {
        return new StazioneAppaltante(row.getLong("id"), row.getString("denominazione"),
                new CodiceFiscale(row.getString("codice_fiscale")), row.getString("codice_ausa"), row.getString("tipo"),
                row.getString("regione"), row.getString("citta"), row.getString("codice_nuts"), row.getString("email"));
    }
}
