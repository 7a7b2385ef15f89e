package it.openesecuzione.documents.web;

import it.openesecuzione.documents.Documents;
import it.openesecuzione.documents.GeneratedDocument;
import java.nio.charset.StandardCharsets;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The documents of a contract as downloads from the pages: PDF/A and XLSX, as attachments. What
 * is not found (or not visible) gives the platform's 404 page with the reason.
 */
@Controller
@RequestMapping("/contratti/{contractId}/documenti")
class DocumentPages {

    private final Documents documents;

    DocumentPages(Documents documents) {
        this.documents = documents;
    }

    @GetMapping("/sal/{number}.pdf")
    ResponseEntity<byte[]> salPdf(@PathVariable long contractId, @PathVariable int number) {
        return download(documents.salPdf(contractId, number));
    }

    @GetMapping("/sal/{number}.xlsx")
    ResponseEntity<byte[]> salXlsx(@PathVariable long contractId, @PathVariable int number) {
        return download(documents.salXlsx(contractId, number));
    }

    @GetMapping("/certificati/{certificateId}.pdf")
    ResponseEntity<byte[]> certificate(@PathVariable long contractId, @PathVariable long certificateId) {
        return download(documents.certificatePdf(contractId, certificateId));
    }

    @GetMapping("/conto-finale.pdf")
    ResponseEntity<byte[]> finalAccount(@PathVariable long contractId) {
        return download(documents.finalAccountPdf(contractId));
    }

    @GetMapping("/registro.xlsx")
    ResponseEntity<byte[]> register(@PathVariable long contractId) {
        return download(documents.registerXlsx(contractId));
    }

    @GetMapping("/eventi/{seq}.pdf")
    ResponseEntity<byte[]> event(@PathVariable long contractId, @PathVariable int seq) {
        return download(documents.eventPdf(contractId, seq));
    }

    /** The document as an attachment, with its media type and file name. */
    static ResponseEntity<byte[]> download(GeneratedDocument document) {
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(document.contentType()))
                .contentLength(document.content().length)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(document.fileName(), StandardCharsets.UTF_8).build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(document.content());
    }
}
