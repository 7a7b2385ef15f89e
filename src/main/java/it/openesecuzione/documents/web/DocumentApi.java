package it.openesecuzione.documents.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import it.openesecuzione.documents.Documents;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The same documents as {@link DocumentPages} for API clients; errors are problem details
 * (404 when the contract, SAL, certificate or event is not found or has no document).
 */
@RestController
@RequestMapping("/api/v1/contracts/{contractId}/documents")
@Tag(name = "Documenti", description = "Documenti ufficiali generati: SAL, certificati di pagamento, verbali e conto finale in "
        + "PDF/A-3b; registro di contabilità e SAL in XLSX")
class DocumentApi {

    private final Documents documents;

    DocumentApi(Documents documents) {
        this.documents = documents;
    }

    @GetMapping("/sal/{number}.pdf")
    @Operation(summary = "Stato di avanzamento n. {number} (PDF/A)")
    ResponseEntity<byte[]> salPdf(@PathVariable long contractId, @PathVariable int number) {
        return DocumentPages.download(documents.salPdf(contractId, number));
    }

    @GetMapping("/sal/{number}.xlsx")
    @Operation(summary = "Stato di avanzamento n. {number} con le sue misure (XLSX)")
    ResponseEntity<byte[]> salXlsx(@PathVariable long contractId, @PathVariable int number) {
        return DocumentPages.download(documents.salXlsx(contractId, number));
    }

    @GetMapping("/certificates/{certificateId}.pdf")
    @Operation(summary = "Certificato di pagamento: di un SAL, dell'anticipazione o della rata di saldo (PDF/A)")
    ResponseEntity<byte[]> certificate(@PathVariable long contractId, @PathVariable long certificateId) {
        return DocumentPages.download(documents.certificatePdf(contractId, certificateId));
    }

    @GetMapping("/final-account.pdf")
    @Operation(summary = "Conto finale (PDF/A), disponibile dopo il certificato dello stato finale")
    ResponseEntity<byte[]> finalAccount(@PathVariable long contractId) {
        return DocumentPages.download(documents.finalAccountPdf(contractId));
    }

    @GetMapping("/register.xlsx")
    @Operation(summary = "Registro di contabilità: tutti i SAL, il libretto delle misure, i certificati (XLSX)")
    ResponseEntity<byte[]> register(@PathVariable long contractId) {
        return DocumentPages.download(documents.registerXlsx(contractId));
    }

    @GetMapping("/events/{seq}.pdf")
    @Operation(summary = "Verbale dell'evento n. {seq}: consegna (I1), sospensione (SO1), ripresa (RI1) o ultimazione (CO1) (PDF/A)")
    ResponseEntity<byte[]> event(@PathVariable long contractId, @PathVariable int seq) {
        return DocumentPages.download(documents.eventPdf(contractId, seq));
    }
}
