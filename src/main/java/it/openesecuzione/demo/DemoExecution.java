package it.openesecuzione.demo;

import it.openesecuzione.accounting.AccountingRequests.AdvanceInput;
import it.openesecuzione.accounting.AccountingRequests.CertificateInput;
import it.openesecuzione.accounting.AccountingRequests.DiaryInput;
import it.openesecuzione.accounting.AccountingRequests.MeasurementInput;
import it.openesecuzione.accounting.AccountingRequests.SalInput;
import it.openesecuzione.accounting.AdvancePayment;
import it.openesecuzione.accounting.ContractAccounting;
import it.openesecuzione.accounting.PaymentCertificate;
import it.openesecuzione.accounting.PriceItem;
import it.openesecuzione.accounting.PriceItemInput;
import it.openesecuzione.execution.EventRequest;
import it.openesecuzione.execution.ExecutionLog;
import it.openesecuzione.identity.AuthenticatedUser;
import it.openesecuzione.identity.PlatformUser;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * A works contract under way for the demo, as its RUP would have kept it: signed five months ago,
 * handed over, an advance, a price list, the measurement book, a first SAL certified and paid, a
 * second SAL whose certificate is overdue. Dates count back from the day of seeding, so the demo
 * always looks current.
 */
@Component
class DemoExecution {

    /** The awardee's id in PCP (idPartecipante of the SC1), as the award platform would give it. */
    static final String PARTICIPANT = "3f2c8a10-5b7e-4d21-9a64-0c8e1f2b7d45";

    private final ExecutionLog execution;
    private final ContractAccounting accounting;
    private final Clock clock;

    DemoExecution(ExecutionLog execution, ContractAccounting accounting, Clock clock) {
        this.execution = execution;
        this.accounting = accounting;
        this.clock = clock;
    }

    /** Records the example as the given RUP (events and accounting check who acts). */
    void seed(long contractId, PlatformUser rup) {
        SecurityContext previous = SecurityContextHolder.getContext();
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        AuthenticatedUser principal = () -> rup;
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(principal, null, List.of()));
        SecurityContextHolder.setContext(context);
        try {
            record(contractId, LocalDate.now(clock.withZone(ZoneId.of("Europe/Rome"))));
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }

    private void record(long id, LocalDate today) {
        LocalDate signed = today.minusDays(150);
        LocalDate handover = today.minusDays(130);
        Map<String, Object> contract = new HashMap<>();
        contract.put("idPartecipante", PARTICIPANT);
        contract.put("dataStipula", signed.toString());
        contract.put("dataDecorrenza", signed.toString());
        contract.put("dataScadenza", signed.plusDays(400).toString());
        contract.put("importoCauzione", new BigDecimal("110452.25"));
        execution.record(id, EventRequest.of("SC1", Map.of("datiContratto", contract)));
        execution.record(id, EventRequest.of("I1", Map.of("datiInizio", Map.of("consegnaFrazionata", false,
                "consegnaSottoRiserva", false, "dataVerbaleConsegnaDefinitiva", handover.toString(),
                "dataEffettivoInizio", handover.toString()))));

        AdvancePayment advance = accounting.grantAdvance(id, new AdvanceInput(new BigDecimal("20"), today.minusDays(125),
                "Banca Carige S.p.A.", "FD-2026-004518", new BigDecimal("230000.00"), today.minusDays(128)));
        accounting.markPaid(id, advance.certificateId(), today.minusDays(118));

        long scarifica = item(id, "01.A22.A10.010", "Scarificazione di pavimentazione bituminosa fino a 5 cm", "m²", "4.20", "18000", true);
        long binder = item(id, "01.A22.B10.005", "Conglomerato bituminoso per strato di collegamento (binder), spessore 7 cm", "m²",
                "13.80", "18000", true);
        long usura = item(id, "01.A22.B20.010", "Conglomerato bituminoso per strato di usura, spessore 3 cm", "m²", "7.95", "18000", true);
        long fondazione = item(id, "01.A21.A20.005", "Fondazione stradale in misto granulare stabilizzato", "m³", "38.50", "1200", true);
        long cordolo = item(id, "01.A23.B10.010", "Cordolo in granito 30×25 cm, posato su calcestruzzo", "m", "62.00", "1500", true);
        item(id, "01.A24.C40.005", "Segnaletica orizzontale in vernice rifrangente", "m²", "6.10", "3000", true);
        long barriere = item(id, "SIC.01", "Delimitazione del cantiere con barriere mobili (oneri della sicurezza)", "m", "9.50", "2000", false);
        long semaforo = item(id, "SIC.02", "Impianto semaforico provvisorio, per giorno (oneri della sicurezza)", "giorno", "45.00", "300",
                false);

        diary(id, handover, "Sereno", "1 capocantiere, 5 operai, 1 fresatrice", "Consegna dei lavori; delimitazione del tratto A.");
        measure(id, barriere, handover.plusDays(2), "Tratto A, lato mare", null, "900", null, null, null);
        measure(id, scarifica, handover.plusDays(10), "Tratto A", "1", "450", "12", null, null);
        measure(id, scarifica, handover.plusDays(25), "Tratto B", "1", "380", "11.5", null, null);
        measure(id, fondazione, handover.plusDays(30), "Allargamento del marciapiede", "1", "450", "12", "0.10", null);
        measure(id, cordolo, handover.plusDays(40), "Marciapiede lato monte", null, null, null, null, "620");
        measure(id, semaforo, handover.plusDays(60), "Senso unico alternato, tratti A e B", null, null, null, null, "55");
        diary(id, handover.plusDays(45), "Pioggia", "1 capocantiere, 3 operai", "Lavori sospesi nel pomeriggio per pioggia intensa.");

        LocalDate sal1 = today.minusDays(60);
        accounting.registerSal(id, new SalInput(sal1, false, null, null));
        PaymentCertificate first = accounting.issueCertificate(id, 1, new CertificateInput(today.minusDays(57), "9", null));
        accounting.markPaid(id, first.id(), today.minusDays(35));

        measure(id, binder, today.minusDays(50), "Tratto A", "1", "450", "12", null, null);
        measure(id, binder, today.minusDays(40), "Tratto B", "1", "380", "11.5", null, null);
        measure(id, usura, today.minusDays(30), "Tratto A", "1", "450", "12", null, null);
        measure(id, scarifica, today.minusDays(28), "Tratto C", "1", "300", "10", null, null);
        measure(id, semaforo, today.minusDays(20), "Senso unico alternato, tratto C", null, null, null, null, "40");
        measure(id, cordolo, today.minusDays(15), "A detrarre: passo carrabile non eseguito", "-1", "12", null, null, null);
        diary(id, today.minusDays(30), "Nuvoloso", "1 capocantiere, 6 operai, 1 vibrofinitrice, 2 rulli",
                "Stesa del tappeto d'usura sul tratto A; prelievo di carote per le prove di laboratorio.");
        // The second SAL waits for its certificate past the 7 days: the page flags it.
        accounting.registerSal(id, new SalInput(today.minusDays(9), false, null, null));
    }

    private long item(long id, String code, String description, String unit, String price, String quantity, boolean discounted) {
        PriceItem item = accounting.addItem(id, new PriceItemInput(code, description, unit, new BigDecimal(price),
                new BigDecimal(quantity), discounted));
        return item.id();
    }

    private void measure(long id, long item, LocalDate date, String description, String parts, String length, String width,
            String height, String quantity) {
        accounting.addMeasurement(id, new MeasurementInput(item, date, description, decimal(parts), decimal(length), decimal(width),
                decimal(height), decimal(quantity), null));
    }

    private void diary(long id, LocalDate date, String weather, String workforce, String notes) {
        accounting.addDiaryEntry(id, new DiaryInput(date, weather, workforce, notes));
    }

    private static BigDecimal decimal(String text) {
        return text == null ? null : new BigDecimal(text);
    }
}
