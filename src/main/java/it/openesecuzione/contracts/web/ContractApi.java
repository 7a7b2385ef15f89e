package it.openesecuzione.contracts.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import it.openesecuzione.contracts.Contract;
import it.openesecuzione.contracts.ContractInput;
import it.openesecuzione.contracts.ContractPage;
import it.openesecuzione.contracts.ContractQuery;
import it.openesecuzione.contracts.ContractRegistry;
import it.openesecuzione.contracts.ContractSummary;
import it.openesecuzione.contracts.StatoContratto;
import it.openesecuzione.contracts.Tipologia;
import it.openesecuzione.shared.FieldViolation;
import it.openesecuzione.shared.InvalidInputException;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/contracts")
@Tag(name = "Contratti", description = "Registro dei contratti della stazione appaltante")
class ContractApi {

    private final ContractRegistry registry;

    ContractApi(ContractRegistry registry) {
        this.registry = registry;
    }

    record ContractList(List<SummaryView> items, int page, int size, long total, boolean totalCapped) {
    }

    record SummaryView(long id, long authorityId, List<String> cigs, String cup, String oggetto, Tipologia tipologia,
            String aggiudicatario, java.math.BigDecimal importoContrattuale, StatoContratto stato) {

        static SummaryView of(ContractSummary s) {
            return new SummaryView(s.id(), s.authorityId(), s.cigs(), s.cup(), s.oggetto(), s.tipologia(),
                    s.aggiudicatario(), s.importoContrattuale().amount(), s.stato());
        }
    }

    @GetMapping
    @Operation(summary = "Cerca i contratti", description = "Testo libero (oggetto, aggiudicatario, CUP, codice fiscale) o CIG esatto; filtri per tipologia e stato; paginazione da 0.")
    ContractList list(@RequestParam(required = false) String q, @RequestParam(required = false) Tipologia tipologia,
            @RequestParam(required = false) StatoContratto stato, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        ContractPage result = registry.search(new ContractQuery(q, tipologia, stato, page, size));
        return new ContractList(result.items().stream().map(SummaryView::of).toList(), result.page(), result.size(), result.total(), result.totalCapped());
    }

    @GetMapping("/{id}")
    @Operation(summary = "Legge un contratto", description = "L'ETag della risposta è la versione, da rimandare in If-Match per modificarlo.")
    ResponseEntity<ContractView> read(@PathVariable long id) {
        Contract contract = registry.find(id);
        return ResponseEntity.ok().eTag(String.valueOf(contract.version())).body(ContractView.of(contract));
    }

    @PostMapping
    @Operation(summary = "Registra un contratto")
    ResponseEntity<ContractView> create(@RequestBody ContractInput input) {
        Contract contract = registry.register(input);
        return ResponseEntity.created(URI.create("/api/v1/contracts/" + contract.id()))
                .eTag(String.valueOf(contract.version())).body(ContractView.of(contract));
    }

    @PutMapping("/{id}")
    @Operation(summary = "Modifica un contratto", description = "Richiede If-Match con la versione letta; 409 se nel frattempo è cambiato.")
    ResponseEntity<ContractView> update(@PathVariable long id,
            @Parameter(description = "Versione letta, come ETag") @RequestHeader(name = "If-Match", required = false) String ifMatch,
            @RequestBody ContractInput input) {
        Contract contract = registry.update(id, version(ifMatch), input);
        return ResponseEntity.ok().eTag(String.valueOf(contract.version())).body(ContractView.of(contract));
    }

    private static int version(String ifMatch) {
        String value = ifMatch == null ? "" : ifMatch.replace("W/", "").replace("\"", "").trim();
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new InvalidInputException(List.of(new FieldViolation("If-Match", ifMatch,
                    "Indicare nell'intestazione If-Match la versione del contratto letta (ETag)")));
        }
    }
}
