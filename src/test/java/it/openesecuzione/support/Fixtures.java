package it.openesecuzione.support;

import it.openesecuzione.shared.Cig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Test data: contract bodies in the API's JSON shape, with CIGs never used before. */
public final class Fixtures {

    /** Tests share one database: each CIG comes from a progressive no test reuses. */
    private static final AtomicLong NEXT_CIG = new AtomicLong(0x500000L + (System.nanoTime() & 0xFFFFF));

    private static final AtomicLong UNIQUE = new AtomicLong(System.nanoTime() % 1_000_000_000L * 10);

    private Fixtures() {
    }

    public static String newCig() {
        return Cig.generate(Cig.Format.SIMOG_V2_PCP, 'C', NEXT_CIG.incrementAndGet()).value();
    }

    /** A valid works contract for the given RUP (user id). */
    public static Map<String, Object> worksContract(long rupId, String oggetto) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("oggetto", oggetto);
        body.put("tipologia", "LAVORI");
        body.put("settore", "ORDINARIO");
        body.put("sopraSoglia", false);
        body.put("concessione", false);
        body.put("procedura", "NEGOZIATA_SENZA_BANDO");
        body.put("importoBaseGara", 500000.00);
        body.put("ribasso", 10.5);
        body.put("importoContrattuale", 449750.00);
        body.put("oneriSicurezza", 15000.00);
        body.put("durataGiorni", 180);
        body.put("cup", "B31B24000990001");
        body.put("lotti", List.of(Map.of("cig", newCig(), "descrizione", "Lotto unico")));
        body.put("aggiudicatario", Map.of("denominazione", "Impresa Test S.r.l.", "codiceFiscale", "01172530105",
                "partitaIva", "01172530105"));
        body.put("rupId", rupId);
        return body;
    }

    /** A valid personal codice fiscale no other test uses (the check letter computed here). */
    public static String personalCode() {
        String letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
        long n = UNIQUE.incrementAndGet();
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            code.append(letters.charAt((int) (n % 26)));
            n /= 26;
        }
        code.append("80A01H501");
        int[] odd = {1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23};
        int sum = 0;
        for (int i = 0; i < 15; i++) {
            char c = code.charAt(i);
            int value = Character.isDigit(c) ? c - '0' : c - 'A';
            sum += i % 2 == 0 ? odd[value] : value;
        }
        return code.append(letters.charAt(sum % 26)).toString();
    }

    /** A valid 11-digit codice fiscale (or partita IVA) no other test uses. */
    public static String numericCode() {
        String base = String.format("%010d", UNIQUE.incrementAndGet() % 10_000_000_000L);
        int sum = 0;
        for (int i = 0; i < 10; i++) {
            int digit = base.charAt(i) - '0';
            if (i % 2 == 1) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
        }
        return base + (10 - sum % 10) % 10;
    }

    /** A 10-digit AUSA code no other test uses. */
    public static String ausaCode() {
        return String.format("%010d", UNIQUE.incrementAndGet() % 10_000_000_000L);
    }
}
