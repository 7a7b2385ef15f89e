package it.openesecuzione.documents;

import it.openesecuzione.accounting.PaymentCertificate;
import it.openesecuzione.documents.DocumentSources.CertificateSource;
import it.openesecuzione.documents.DocumentSources.EventSource;
import it.openesecuzione.documents.DocumentSources.FinalAccountSource;
import it.openesecuzione.documents.DocumentSources.RegisterSource;
import it.openesecuzione.documents.DocumentSources.SalSheetSource;
import it.openesecuzione.documents.DocumentSources.SalSource;
import it.openesecuzione.execution.RecordedScheda;
import it.openesecuzione.shared.NotFoundException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import org.springframework.stereotype.Service;

/**
 * The documents of a contract, generated on request from its current records: the SAL, payment
 * certificates, verbali and final account as PDF/A-3b, the register and the SAL as XLSX. The data
 * are read in a transaction, the document is rendered after it. What the user may not see, or
 * does not exist, is a {@link NotFoundException}.
 */
@Service
public class Documents {

    private static final ZoneId ROME = ZoneId.of("Europe/Rome");

    private final DocumentSources sources;
    private final PdfDocuments pdf;
    private final Spreadsheets spreadsheets;
    private final Clock clock;

    Documents(DocumentSources sources, Clock clock) {
        this.sources = sources;
        this.pdf = new PdfDocuments();
        this.spreadsheets = new Spreadsheets();
        this.clock = clock;
    }

    /** The SAL n. {@code number} as PDF/A. */
    public GeneratedDocument salPdf(long contractId, int number) {
        SalSource source = sources.sal(contractId, number);
        return new GeneratedDocument("sal-" + number + "-contratto-" + contractId + ".pdf", GeneratedDocument.PDF,
                pdf.sal(source.header(), source.sal(), source.previousDate(), today()));
    }

    /** The SAL n. {@code number} as XLSX, with the measurements it includes. */
    public GeneratedDocument salXlsx(long contractId, int number) {
        SalSheetSource source = sources.salSheet(contractId, number);
        return new GeneratedDocument("sal-" + number + "-contratto-" + contractId + ".xlsx", GeneratedDocument.XLSX,
                spreadsheets.sal(source.header(), source.sal(), source.measurements(), source.items()));
    }

    /** A payment certificate (of a SAL, the advance or the balance) as PDF/A. */
    public GeneratedDocument certificatePdf(long contractId, long certificateId) {
        CertificateSource source = sources.certificate(contractId, certificateId);
        PaymentCertificate certificate = source.certificate();
        String name = switch (certificate.kind()) {
            case SAL -> "certificato-pagamento-" + certificate.number();
            case ANTICIPAZIONE -> "certificato-anticipazione";
            case SALDO -> "certificato-rata-saldo";
        };
        return new GeneratedDocument(name + "-contratto-" + contractId + ".pdf", GeneratedDocument.PDF,
                pdf.certificate(source.header(), certificate, source.sal(), source.advance(), today()));
    }

    /** The final account as PDF/A, once the final statement is certified. */
    public GeneratedDocument finalAccountPdf(long contractId) {
        FinalAccountSource source = sources.finalAccount(contractId);
        return new GeneratedDocument("conto-finale-contratto-" + contractId + ".pdf", GeneratedDocument.PDF,
                pdf.finalAccount(source.header(), source.account(), source.sals(), source.certificates(), today()));
    }

    /** The accounting register as XLSX: every SAL, the measurement book, the certificates. */
    public GeneratedDocument registerXlsx(long contractId) {
        RegisterSource source = sources.register(contractId);
        return new GeneratedDocument("registro-contabilita-contratto-" + contractId + ".xlsx", GeneratedDocument.XLSX,
                spreadsheets.register(source.header(), source.sals(), source.measurements(), source.items(), source.certificates()));
    }

    /**
     * The verbale of an execution event as PDF/A: consegna (I1), sospensione (SO1), ripresa (RI1),
     * ultimazione (CO1). Other events have no verbale: not found, saying which ones have.
     */
    public GeneratedDocument eventPdf(long contractId, int seq) {
        EventSource source = sources.event(contractId, seq);
        RecordedScheda event = source.event();
        if (!Minutes.CODES.contains(event.code())) {
            throw new NotFoundException("L'evento n. " + seq + " (" + event.code().name() + ", "
                    + event.code().description().toLowerCase(java.util.Locale.ITALIAN) + ") non ha un verbale da generare: i verbali "
                    + "sono previsti per la consegna o l'avvio (I1), la sospensione (SO1), la ripresa (RI1) e l'ultimazione (CO1)");
        }
        Minutes minutes = Minutes.of(source.header(), event, source.history());
        return new GeneratedDocument(fileName(event) + "-contratto-" + contractId + "-evento-" + seq + ".pdf", GeneratedDocument.PDF,
                pdf.minutes(source.header(), minutes, today()));
    }

    private static String fileName(RecordedScheda event) {
        return switch (event.code()) {
            case I1 -> "verbale-consegna";
            case SO1 -> "verbale-sospensione";
            case RI1 -> "verbale-ripresa";
            case CO1 -> "certificato-ultimazione";
            default -> "verbale-" + event.code().name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(ROME));
    }
}
