package it.openesecuzione.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CanonicalFormTest {

    @Test
    void sortsKeysAtEveryLevel() {
        Map<String, Object> first = new LinkedHashMap<>();
        first.put("b", Map.of("y", "1", "x", "2"));
        first.put("a", List.of("z"));
        Map<String, Object> second = new LinkedHashMap<>();
        second.put("a", List.of("z"));
        second.put("b", new LinkedHashMap<>(Map.of("x", "2", "y", "1")));

        assertThat(CanonicalForm.of(first)).isEqualTo(CanonicalForm.of(second)).isEqualTo("{\"a\":[\"z\"],\"b\":{\"x\":\"2\",\"y\":\"1\"}}");
    }

    @Test
    void escapesOneWayOnly() {
        assertThat(CanonicalForm.of(Map.of("k", "a\"b\\c\nd\u0001"))).isEqualTo("{\"k\":\"a\\\"b\\\\c\\nd\\u0001\"}");
    }

    @Test
    void keepsNumbersAsWrittenByTurningThemIntoText() {
        Object textual = CanonicalForm.textual(Map.of("importo", new BigDecimal("1234.50"), "n", 3, "ok", true));

        assertThat(CanonicalForm.of(textual)).isEqualTo("{\"importo\":\"1234.50\",\"n\":\"3\",\"ok\":true}");
    }

    @Test
    void theHashCoversEveryFieldAndThePreviousHash() {
        AuditEntry entry = new AuditEntry(1, 7, 3, Instant.parse("2026-11-27T10:15:30.123456Z"), "RSSMRA75C12D969M",
                "Mario Rossi", "RUP", 7L, "Liguria", 42L, "CONTRATTO_MODIFICATO", Map.of("durataGiorni", "240"),
                "a".repeat(64), null);
        String hash = AuditTrail.hash(entry);

        assertThat(hash).hasSize(64).isEqualTo(AuditTrail.hash(entry));
        assertThat(AuditTrail.hash(withPrevious(entry, "b".repeat(64)))).isNotEqualTo(hash);
        assertThat(AuditTrail.hash(new AuditEntry(1, 7, 3, entry.occurredAt(), entry.actorCodiceFiscale(), entry.actorName(),
                "DL", 7L, "Liguria", 42L, entry.action(), entry.summary(), entry.prevHash(), null))).isNotEqualTo(hash);
        assertThat(AuditTrail.hash(new AuditEntry(1, 7, 4, entry.occurredAt(), entry.actorCodiceFiscale(), entry.actorName(),
                "RUP", 7L, "Liguria", 42L, entry.action(), entry.summary(), entry.prevHash(), null))).isNotEqualTo(hash);
    }

    private static AuditEntry withPrevious(AuditEntry e, String previous) {
        return new AuditEntry(e.id(), e.chainId(), e.chainSeq(), e.occurredAt(), e.actorCodiceFiscale(), e.actorName(),
                e.actorRole(), e.authorityId(), e.region(), e.contractId(), e.action(), e.summary(), previous, null);
    }
}
