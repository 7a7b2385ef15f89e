package it.openesecuzione.identity.internal;

import it.openesecuzione.identity.IdentityChanged;
import it.openesecuzione.identity.PlatformUser;
import it.openesecuzione.identity.UserDirectory;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Personal API tokens: shown once at creation, stored only as a SHA-256 hash (a token is 256
 * random bits, so a fast hash is enough, unlike passwords).
 */
@Service
public class ApiTokens {

    static final String PREFIX = "oe_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final UserDirectory directory;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ApiTokens(JdbcClient jdbc, UserDirectory directory, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.directory = directory;
        this.events = events;
        this.clock = clock;
    }

    public record TokenInfo(long id, String name, String prefix, Instant createdAt, Instant expiresAt,
            Instant lastUsedAt, Instant revokedAt) {

        public boolean active(Instant now) {
            return revokedAt == null && (expiresAt == null || expiresAt.isAfter(now));
        }
    }

    /** Creates a token and returns its secret, which is never shown again. */
    @Transactional
    public String create(long userId, String name, Instant expiresAt) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("Indicare un nome per il token");
        }
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        jdbc.sql("""
                insert into api_token (user_id, name, token_hash, prefix, created_at, expires_at)
                values (?, ?, ?, ?, ?, ?)""")
                .params(userId, name.trim(), hash(token), token.substring(0, 10), Timestamp.from(clock.instant()),
                        expiresAt == null ? null : Timestamp.from(expiresAt))
                .update();
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("utente", userId);
        summary.put("nome", name.trim());
        summary.put("inizio", token.substring(0, 10));
        summary.put("scadenza", expiresAt);
        events.publishEvent(new IdentityChanged(authorityOf(userId), IdentityChanged.TOKEN_CREATED, summary));
        return token;
    }

    @Transactional(readOnly = true)
    public List<TokenInfo> list(long userId) {
        return jdbc.sql("select * from api_token where user_id = ? order by created_at desc").param(userId)
                .query((row, n) -> new TokenInfo(row.getLong("id"), row.getString("name"), row.getString("prefix"),
                        instant(row.getTimestamp("created_at")), instant(row.getTimestamp("expires_at")),
                        instant(row.getTimestamp("last_used_at")), instant(row.getTimestamp("revoked_at"))))
                .list();
    }

    @Transactional
    public boolean revoke(long userId, long tokenId) {
        boolean revoked = jdbc.sql("update api_token set revoked_at = ? where id = ? and user_id = ? and revoked_at is null")
                .params(Timestamp.from(clock.instant()), tokenId, userId).update() == 1;
        if (revoked) {
            events.publishEvent(new IdentityChanged(authorityOf(userId), IdentityChanged.TOKEN_REVOKED,
                    Map.of("utente", userId, "token", tokenId)));
        }
        return revoked;
    }

    /** A user's token changes go to their authority's audit chain; platform users' to the platform's. */
    private Long authorityOf(long userId) {
        return directory.findById(userId).flatMap(PlatformUser::primaryAuthority).orElse(null);
    }

    /** The user owning an active token, recording its use. */
    @Transactional
    public Optional<PlatformUser> authenticate(String token) {
        if (token == null || !token.startsWith(PREFIX)) {
            return Optional.empty();
        }
        Timestamp now = Timestamp.from(clock.instant());
        return jdbc.sql("""
                update api_token set last_used_at = ?
                where token_hash = ? and revoked_at is null and (expires_at is null or expires_at > ?)
                returning user_id""")
                .params(now, hash(token), now).query(Long.class).optional()
                .flatMap(directory::findById);
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
