package it.openesecuzione.pcpsim.web;

import it.openesecuzione.anac.reference.AnacCodeLists;
import it.openesecuzione.pcpsim.internal.AnacMaterial;
import it.openesecuzione.pcpsim.internal.PcpError;
import it.openesecuzione.pcpsim.internal.PcpException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The simulated e-service {@code CodeList} (pcp-interfaces.md §3.11), serving the lists of the
 * configured ANAC folder ({@code modello-dati/tipologiche}). Without the folder every call is a 404
 * with {@code ERR63} saying that the lists are not available.
 */
@RestController
@ConditionalOnBooleanProperty(name = "openesecuzione.pcp-sim.enabled", matchIfMissing = true)
@RequestMapping("${openesecuzione.pcp-sim.base-path:/pcp-sim}/modi/rest/CodeList/v{version:[0-9]+}")
class CodeListApi extends PcpEndpoint {

    private final AnacMaterial anac;

    CodeListApi(AnacMaterial anac) {
        this.anac = anac;
    }

    @GetMapping("/recupera-elenco-tipologiche")
    ResponseEntity<String> elenco(@RequestParam(required = false) Integer page, @RequestParam(required = false) Integer perPage) {
        List<String> names = lists().names();
        ObjectNode body = envelope("OK", "Operazione eseguita con successo");
        ArrayNode result = paged(body, names.size(), page, perPage);
        int first = (current(page) - 1) * size(perPage);
        for (String name : names.subList(Math.min(first, names.size()), Math.min(first + size(perPage), names.size()))) {
            ObjectNode entry = result.addObject();
            entry.put("idTipologica", name);
            entry.put("descrizione", name);
        }
        return ok(body);
    }

    @GetMapping("/recupera-tipologica")
    ResponseEntity<String> tipologica(@RequestParam(required = false) String idTipologica,
            @RequestParam(required = false) String dataInizio, @RequestParam(required = false) String dataFine,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer perPage) {
        JsonNode entries = list(idTipologica);
        OffsetDateTime from = date(dataInizio);
        OffsetDateTime to = date(dataFine);
        List<JsonNode> selected = new ArrayList<>();
        for (JsonNode entry : entries) {
            OffsetDateTime start = entryDate(entry.path("dataInizio"));
            OffsetDateTime end = entryDate(entry.path("dataFine"));
            if ((to == null || start == null || !start.isAfter(to)) && (from == null || end == null || end.isAfter(from))) {
                selected.add(entry);
            }
        }
        ObjectNode body = envelope("OK", "Operazione eseguita con successo");
        paged(body, selected.size(), page, perPage);
        body.remove("result");
        ObjectNode tipologica = body.putObject("tipologica");
        tipologica.put("idTipologica", idTipologica);
        tipologica.put("descrizione", idTipologica);
        ArrayNode elenco = tipologica.putArray("elenco");
        int first = (current(page) - 1) * size(perPage);
        selected.subList(Math.min(first, selected.size()), Math.min(first + size(perPage), selected.size()))
                .forEach(entry -> elenco.add(entry.deepCopy()));
        return ok(body);
    }

    @GetMapping("/recupera-valore-tipologica")
    ResponseEntity<String> valore(@RequestParam(required = false) String idTipologica,
            @RequestParam(required = false) String codice) {
        JsonNode entries = list(idTipologica);
        if (codice == null || codice.isBlank()) {
            throw refusal(400, "ERR33", "codice tipologica obbligatorio");
        }
        for (JsonNode entry : entries) {
            if (codice.equals(entry.path("codice").asString(null))) {
                ObjectNode body = envelope("OK", "Operazione eseguita con successo");
                body.set("tipologica", entry.deepCopy());
                return ok(body);
            }
        }
        throw refusal(404, "AUT14", "Trascodifica Fallita. Codice non presente: " + idTipologica + "/" + codice);
    }

    private AnacCodeLists lists() {
        return anac.codeLists().orElseThrow(() -> refusal(404, "ERR63", "tipologica non valida: liste di codici non"
                + " disponibili nel simulatore (cartella ANAC non configurata, openesecuzione.pcp-sim.anac-dir)"));
    }

    private JsonNode list(String idTipologica) {
        AnacCodeLists lists = lists();
        if (idTipologica == null || idTipologica.isBlank()) {
            throw refusal(400, "ERR32", "idTipologica obbligatorio");
        }
        if (!lists.exists(idTipologica)) {
            throw refusal(404, "ERR63", "tipologica non valida: " + idTipologica);
        }
        return lists.raw(idTipologica);
    }

    private static ArrayNode paged(ObjectNode body, int total, Integer page, Integer perPage) {
        int size = size(perPage);
        body.put("totRows", total);
        body.put("totPages", (total + size - 1) / size);
        body.put("currentPage", current(page));
        body.put("elementPage", Math.max(0, Math.min(size, total - (current(page) - 1) * size)));
        return body.putArray("result");
    }

    private static int current(Integer page) {
        if (page != null && page < 1) {
            throw refusal(400, "AUT12", "page deve essere almeno 1");
        }
        return page == null ? 1 : page;
    }

    private static int size(Integer perPage) {
        if (perPage != null && (perPage < 1 || perPage > 100)) {
            throw refusal(400, "AUT12", "perPage tra 1 e 100");
        }
        return perPage == null ? 20 : perPage;
    }

    private static OffsetDateTime date(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw refusal(400, "AUT09", "data in input non formattata correttamente: " + value);
        }
    }

    /** A bound of a list entry; anything unreadable is read as no bound. */
    private static OffsetDateTime entryDate(JsonNode value) {
        try {
            return value.isString() && !value.asString().isBlank() ? OffsetDateTime.parse(value.asString().trim()) : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static PcpException refusal(int status, String code, String dettaglio) {
        return new PcpException(status, dettaglio, List.of(new PcpError(code, dettaglio)));
    }
}
