package it.openesecuzione.pcpsim.internal;

import it.openesecuzione.pcpsim.internal.SimulatorStore.Contract;
import it.openesecuzione.pcpsim.internal.SimulatorStore.Operation;
import it.openesecuzione.pcpsim.internal.SimulatorStore.Search;
import it.openesecuzione.pcpsim.internal.SimulatorStore.StoredScheda;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * PCP's scheda services as the simulator performs them: synchronous create, modify, delete;
 * asynchronous verify, confirm and rollback, recorded as operations in WT and evaluated after
 * {@code confirmation-delay} by the first request that reads their appalto ("lazily", so no
 * background thread and no node-local state: the appalto's row lock serialises the evaluation
 * and the dispositive calls, whichever node serves them).
 */
public class Simulator {

    private static final Logger log = LoggerFactory.getLogger(Simulator.class);
    private static final Set<String> OPERATION_TYPES = Set.of("SC_CREA", "SC_MOD", "SC_CANC", "SC_VERIF", "SC_CONF",
            "SC_ROLLBACK");
    private static final Set<String> ROLLBACK_REASONS_WITHOUT_ANAC = Set.of("1", "2");
    /** What the simulator says of an appalto in execution: published (ANAC's sheet sets PUBB after the award notice). */
    static final String APPALTO_STATE = "PUBB";

    private final SimulatorStore store;
    private final AnacMaterial anac;
    private final Chronology chronology;
    private final SchedaChecks checks;
    private final Clock clock;
    private final TransactionTemplate transactions;
    private final PcpSimProperties properties;

    public Simulator(SimulatorStore store, AnacMaterial anac, Chronology chronology, Clock clock,
            PlatformTransactionManager transactionManager, PcpSimProperties properties) {
        this.store = store;
        this.anac = anac;
        this.chronology = chronology;
        this.checks = new SchedaChecks(anac, chronology, store);
        this.clock = clock;
        this.transactions = new TransactionTemplate(transactionManager);
        this.properties = properties;
    }

    /** A page of ricerca-scheda. */
    public record SearchResult(List<StoredScheda> schede, long total, int page, int perPage) {
    }

    /** The answer of stato-appalto: which kind ({@code appalto}, {@code lotto}, {@code contratto}), which id, which state. */
    public record State(String kind, String id, String stato, Instant checkedAt) {
    }

    // ---------------------------------------------------------------- ComunicaPostPubblicazione

    /**
     * crea-scheda: a new scheda IN_LAV.
     *
     * @param user the user claims of the call's tracking token, kept with the scheda; null when unknown
     */
    public UUID crea(JsonNode request, Map<String, String> user) {
        allowOnly(request, "idAppalto", "scheda");
        UUID idAppalto = requiredUuid(request, "idAppalto", "ERR26");
        JsonNode scheda = request.get("scheda");
        refuseIfAny(checks.envelope(scheda));
        JsonNode clean = withoutOutputFields(scheda);
        return inTransaction(() -> {
            Instant now = clock.instant();
            store.ensureAppalto(idAppalto, now);
            UUID idScheda = UUID.randomUUID();
            String code = clean.path("codice").path("codice").asString();
            store.insertScheda(idScheda, idAppalto, code, clean.path("versione").asString(), clean, now, user);
            store.insertOperation(idAppalto, idScheda, code, "SC_CREA", "OK", "SC_CRE", null, now, now);
            return idScheda;
        });
    }

    /**
     * modifica-scheda: replaces the whole scheda, which stays IN_LAV.
     *
     * @param user the user claims of the call's tracking token, kept with the scheda; null when unknown
     */
    public UUID modifica(JsonNode request, Map<String, String> user) {
        allowOnly(request, "idScheda", "idAppalto", "scheda");
        UUID idScheda = requiredUuid(request, "idScheda", "ERR29");
        UUID idAppalto = requiredUuid(request, "idAppalto", "ERR26");
        JsonNode scheda = request.get("scheda");
        refuseIfAny(checks.envelope(scheda));
        JsonNode clean = withoutOutputFields(scheda);
        return inTransaction(() -> {
            StoredScheda stored = lockedScheda(idScheda, idAppalto);
            refuseWhileInFlight(stored, false);
            requireState(stored, "IN_LAV");
            Instant now = clock.instant();
            String code = clean.path("codice").path("codice").asString();
            store.replaceScheda(idScheda, code, clean.path("versione").asString(), clean, now, user);
            store.insertOperation(idAppalto, idScheda, code, "SC_MOD", "OK", "SC_MOD", null, now, now);
            return idScheda;
        });
    }

    /** cancella-scheda: IN_LAV to CANC. */
    public void cancella(JsonNode request) {
        allowOnly(request, "idScheda", "idAppalto", "motivo");
        UUID idScheda = requiredUuid(request, "idScheda", "ERR29");
        UUID idAppalto = requiredUuid(request, "idAppalto", "ERR26");
        inTransaction(() -> {
            StoredScheda stored = lockedScheda(idScheda, idAppalto);
            refuseWhileInFlight(stored, false);
            requireState(stored, "IN_LAV");
            Instant now = clock.instant();
            store.setState(idScheda, "CANC", now);
            store.insertOperation(idAppalto, idScheda, stored.codice(), "SC_CANC", "OK", "SC_CANC", null, now, now);
            return null;
        });
    }

    /** verifica-scheda: asynchronous, SC_VERIF. */
    public void verifica(JsonNode request) {
        startCheck(request, "SC_VERIF", "SC_IN_VERIF");
    }

    /** conferma-scheda: asynchronous, SC_CONF. */
    public void conferma(JsonNode request) {
        startCheck(request, "SC_CONF", "SC_IN_CONF");
    }

    private void startCheck(JsonNode request, String type, String waiting) {
        allowOnly(request, "idScheda", "idAppalto");
        UUID idScheda = requiredUuid(request, "idScheda", "ERR29");
        UUID idAppalto = requiredUuid(request, "idAppalto", "ERR26");
        inTransaction(() -> {
            StoredScheda stored = lockedScheda(idScheda, idAppalto);
            refuseWhileInFlight(stored, true);
            requireState(stored, "IN_LAV");
            Instant now = clock.instant();
            store.insertOperation(idAppalto, idScheda, stored.codice(), type, "WT", waiting, null, now,
                    now.plus(properties.confirmationDelay()));
            return null;
        });
    }

    /** rollback-scheda (ServiziComuni): asynchronous annulment of a confirmed annullable scheda. */
    public void rollback(JsonNode request) {
        allowOnly(request, "idScheda", "motivazione");
        UUID idScheda = requiredUuid(request, "idScheda", "ERR29");
        String reason = rollbackReason(request.path("motivazione"));
        inTransaction(() -> {
            StoredScheda found = store.scheda(idScheda).orElseThrow(() -> refusal(404, "ERR20", idScheda.toString()));
            int rollbacks = store.lockAppalto(found.idAppalto());
            settleLocked(found.idAppalto());
            StoredScheda stored = store.scheda(idScheda).orElseThrow();
            refuseWhileInFlight(stored, true);
            if ("ANN".equals(stored.stato())) {
                throw refusal(400, "ERR148", null);
            }
            if (!chronology.annullable(stored.codice())) {
                throw refusal(400, "ERR143", stored.codice());
            }
            requireState(stored, "CONF");
            if (properties.rollbackOncePerAppalto() && rollbacks > 0) {
                throw refusal(400, "ERR144", null);
            }
            Instant now = clock.instant();
            store.insertOperation(stored.idAppalto(), idScheda, stored.codice(), "SC_ROLLBACK", "WT", "SC_IN_ROLLBACK",
                    reason, now, now.plus(properties.confirmationDelay()));
            return null;
        });
    }

    // ---------------------------------------------------------------- ServiziComuni

    /** esito-operazione: the outcomes of one operation type for an appalto, newest first. */
    public List<Operation> esiti(String idAppalto, String tipoOperazione, String tipoRicerca, String esito) {
        UUID appalto = requiredUuid(idAppalto, "ERR26");
        if (tipoOperazione == null || tipoOperazione.isBlank()) {
            throw refusal(400, "AUT12", "tipoOperazione obbligatorio");
        }
        if (!OPERATION_TYPES.contains(tipoOperazione)) {
            throw refusal(400, "AUT14", "tipoOperazione " + tipoOperazione + " non gestito dal simulatore (schede: "
                    + String.join(", ", OPERATION_TYPES.stream().sorted().toList()) + ")");
        }
        if (!"ULTIMO_ESITO".equals(tipoRicerca) && !"TUTTI_ESITI".equals(tipoRicerca)) {
            throw refusal(400, "AUT12", "tipoRicerca deve essere ULTIMO_ESITO o TUTTI_ESITI");
        }
        if (esito != null && !esito.isBlank() && !Set.of("OK", "KO", "WT").contains(esito)) {
            throw refusal(400, "AUT12", "esito deve essere OK, KO o WT");
        }
        if (!store.appaltoExists(appalto)) {
            throw refusal(404, "ERR19", idAppalto);
        }
        settle(appalto);
        return store.outcomes(appalto, tipoOperazione, esito == null || esito.isBlank() ? null : esito,
                "ULTIMO_ESITO".equals(tipoRicerca) ? 1 : 1000);
    }

    /** stato-appalto: the state of an appalto, a lot (by CIG) or a contract; exactly one parameter. */
    public State stato(String idAppalto, String cig, String idContratto) {
        int given = (blank(idAppalto) ? 0 : 1) + (blank(cig) ? 0 : 1) + (blank(idContratto) ? 0 : 1);
        if (given != 1) {
            throw refusal(400, "AUT04", "indicare uno solo tra idAppalto, cig e idContratto");
        }
        Instant now = clock.instant();
        if (!blank(idAppalto)) {
            UUID appalto = requiredUuid(idAppalto, "ERR26");
            if (!store.appaltoExists(appalto)) {
                throw refusal(404, "ERR19", idAppalto);
            }
            settle(appalto);
            return new State("appalto", idAppalto, APPALTO_STATE, now);
        }
        if (!blank(cig)) {
            List<Contract> contracts = store.contractsOfCig(cig.trim());
            if (contracts.isEmpty()) {
                throw refusal(404, "AUT03", cig);
            }
            contracts.stream().map(Contract::idAppalto).distinct().forEach(this::settle);
            return new State("lotto", cig.trim(), chronology.lotState("SC1").orElse("SOTT_CONTR"), now);
        }
        UUID contratto = requiredUuid(idContratto, "ERR39");
        Contract contract = store.contract(contratto).orElseThrow(() -> refusal(404, "ERR39", idContratto));
        settle(contract.idAppalto());
        return new State("contratto", idContratto, store.contract(contratto).orElseThrow().stato(), now);
    }

    // ---------------------------------------------------------------- reading schede

    /** ricerca-scheda: schede of an appalto or CIG, paged (perPage ≤ 20). */
    public SearchResult ricerca(String idAppalto, String cig, String codiceScheda, String statoScheda,
            String dataCreazioneDa, String dataCreazioneA, Integer page, Integer perPage) {
        if (blank(idAppalto) && blank(cig)) {
            throw refusal(400, "AUT04", "almeno uno tra idAppalto e cig");
        }
        UUID appalto = blank(idAppalto) ? null : requiredUuid(idAppalto, "ERR26");
        int currentPage = page == null ? 1 : page;
        int size = perPage == null ? 20 : perPage;
        if (currentPage < 1 || size < 1 || size > 20) {
            throw refusal(400, "AUT12", "page ≥ 1, 1 ≤ perPage ≤ 20");
        }
        if (appalto != null && store.appaltoExists(appalto)) {
            settle(appalto);
        }
        Search search = new Search(appalto, blank(cig) ? null : cig.trim(), blank(codiceScheda) ? null : codiceScheda,
                blank(statoScheda) ? null : statoScheda, dateTime(dataCreazioneDa), dateTime(dataCreazioneA));
        return new SearchResult(store.search(search, currentPage, size), store.count(search), currentPage, size);
    }

    /** consulta-scheda: the scheda as PCP holds it. */
    public StoredScheda consulta(String idScheda) {
        UUID id = requiredUuid(idScheda, "ERR29");
        StoredScheda found = store.scheda(id).orElseThrow(() -> refusal(404, "ERR20", idScheda));
        settle(found.idAppalto());
        return store.scheda(id).orElseThrow();
    }

    // ---------------------------------------------------------------- evaluation

    /** Evaluates the due operations of the appalto, if any; cheap when none is due. */
    void settle(UUID idAppalto) {
        if (!store.hasDue(idAppalto, clock.instant())) {
            return;
        }
        inTransaction(() -> {
            store.lockAppalto(idAppalto);
            settleLocked(idAppalto);
            return null;
        });
    }

    private void settleLocked(UUID idAppalto) {
        Instant now = clock.instant();
        for (Operation operation : store.due(idAppalto, now)) {
            evaluate(operation, now);
        }
    }

    private void evaluate(Operation operation, Instant now) {
        StoredScheda scheda = store.scheda(operation.idScheda()).orElseThrow();
        switch (operation.tipo()) {
            case "SC_VERIF" -> {
                SchedaChecks.Verdict verdict = checks.evaluate(scheda);
                complete(operation, verdict.errors(), "SC_VERIF", "SC_N_VERIF", null, null, now);
            }
            case "SC_CONF" -> confirm(operation, scheda, now);
            case "SC_ROLLBACK" -> rollBack(operation, scheda, now);
            default -> throw new IllegalStateException("Operazione " + operation.tipo() + " non asincrona");
        }
    }

    private void confirm(Operation operation, StoredScheda scheda, Instant now) {
        if (!"IN_LAV".equals(scheda.stato())) {
            complete(operation, List.of(checks.error("ERR58", scheda.stato())), "SC_CONF", "SC_N_CONF", null, null, now);
            return;
        }
        SchedaChecks.Verdict verdict = checks.evaluate(scheda);
        if (!verdict.errors().isEmpty()) {
            complete(operation, verdict.errors(), "SC_CONF", "SC_N_CONF", null, null, now);
            return;
        }
        UUID idContratto = verdict.idContratto();
        UUID newContract = null;
        if ("SC1".equals(scheda.codice())) {
            newContract = UUID.randomUUID();
            idContratto = newContract;
        }
        store.confirm(scheda.idScheda(), idContratto, now);
        if (newContract != null) {
            List<String> cigs = new ArrayList<>();
            scheda.scheda().path("body").path("anacForm").path("datiContratto").path("cig")
                    .forEach(cig -> cigs.add(cig.asString()));
            store.insertContract(newContract, scheda.idAppalto(), scheda.idScheda(),
                    chronology.contractState("SC1").orElse("SOTT"), cigs, now);
        } else if (idContratto != null) {
            UUID contract = idContratto;
            chronology.contractState(scheda.codice()).ifPresent(state -> store.setContractState(contract, state, now));
        }
        UUID idAvviso = chronology.publishes(scheda.codice()) ? UUID.randomUUID() : null;
        complete(operation, List.of(), "SC_CONF", "SC_N_CONF", newContract, idAvviso, now);
        log.info("Simulatore PCP: scheda {} {} confermata{}", scheda.codice(), scheda.idScheda(),
                newContract == null ? "" : ", idContratto " + newContract);
    }

    private void rollBack(Operation operation, StoredScheda scheda, Instant now) {
        boolean last = "CONF".equals(scheda.stato()) && store.lastConfirmed(scheda.idAppalto(), scheda.idContratto())
                .map(StoredScheda::idScheda).filter(scheda.idScheda()::equals).isPresent();
        if (!last) {
            complete(operation, List.of(checks.error("ERR150", "non è l'ultima scheda confermata"
                    + (scheda.idContratto() == null ? " dell'appalto" : " del contratto"))),
                    "SC_ROLLBACK", "SC_N_ROLLBACK", null, null, now);
            return;
        }
        store.setState(scheda.idScheda(), "ANN", now);
        store.countRollback(scheda.idAppalto());
        if (scheda.idContratto() != null) {
            String state = null;
            for (String code : store.confirmedCodes(scheda.idContratto())) {
                state = chronology.contractState(code).orElse(state);
            }
            if (state != null) {
                store.setContractState(scheda.idContratto(), state, now);
            }
        }
        complete(operation, List.of(), "SC_ROLLBACK", "SC_N_ROLLBACK", null, null, now);
    }

    private void complete(Operation operation, List<PcpError> errors, String ok, String ko, UUID idContratto,
            UUID idAvviso, Instant now) {
        ArrayNode errori = JsonNodeFactory.instance.arrayNode();
        errors.forEach(error -> errori.add(error.toJson()));
        store.complete(operation.id(), errors.isEmpty() ? "OK" : "KO", errors.isEmpty() ? ok : ko, errori, idContratto,
                idAvviso, now);
    }

    // ---------------------------------------------------------------- helpers

    private StoredScheda lockedScheda(UUID idScheda, UUID idAppalto) {
        StoredScheda found = store.scheda(idScheda).orElseThrow(() -> refusal(404, "ERR20", idScheda.toString()));
        if (!found.idAppalto().equals(idAppalto)) {
            throw refusal(400, "ERR57", null);
        }
        store.lockAppalto(idAppalto);
        settleLocked(idAppalto);
        return store.scheda(idScheda).orElseThrow();
    }

    /**
     * PCP refuses a dispositive call while an asynchronous operation runs: a confirmation (ERR60),
     * a verification (ERR59), a rollback (ERR145). Confirmations, verifications and rollbacks are
     * serialised per appalto; modifying or deleting is refused only for the scheda in flight.
     */
    private void refuseWhileInFlight(StoredScheda scheda, boolean wholeAppalto) {
        for (Operation pending : store.pending(scheda.idAppalto())) {
            if (!wholeAppalto && !pending.idScheda().equals(scheda.idScheda())) {
                continue;
            }
            switch (pending.tipo()) {
                case "SC_CONF" -> throw refusal(400, "ERR60", pending.codiceScheda() + " " + pending.idScheda());
                case "SC_VERIF" -> throw refusal(400, "ERR59", pending.codiceScheda() + " " + pending.idScheda());
                case "SC_ROLLBACK" -> throw refusal(400, "ERR145", pending.codiceScheda() + " " + pending.idScheda());
                default -> { }
            }
        }
    }

    private void requireState(StoredScheda scheda, String state) {
        if (!state.equals(scheda.stato())) {
            throw refusal(400, "ERR58", "la scheda è " + scheda.stato());
        }
    }

    private String rollbackReason(JsonNode motivazione) {
        if (!motivazione.isObject()) {
            throw refusal(400, "AUT13", "motivazione obbligatoria ({\"idTipologica\": \"motivoAnnullamentoComunicazione\","
                    + " \"codice\": \"1\"|\"2\"})");
        }
        if (!"motivoAnnullamentoComunicazione".equals(motivazione.path("idTipologica").asString(""))) {
            throw refusal(400, "AUT13", "motivazione.idTipologica deve essere motivoAnnullamentoComunicazione");
        }
        String code = motivazione.path("codice").asString("");
        boolean known = anac.codeLists().filter(lists -> lists.exists("motivoAnnullamentoComunicazione"))
                .map(lists -> lists.contains("motivoAnnullamentoComunicazione", code))
                .orElse(ROLLBACK_REASONS_WITHOUT_ANAC.contains(code));
        if (!known) {
            throw refusal(400, "AUT14", "motivoAnnullamentoComunicazione " + code);
        }
        return code;
    }

    private void allowOnly(JsonNode request, String... fields) {
        if (request == null || !request.isObject()) {
            throw refusal(400, "ERR4", "la richiesta deve essere un oggetto JSON");
        }
        Set<String> allowed = Set.of(fields);
        for (String name : request.propertyNames()) {
            if (!allowed.contains(name)) {
                throw refusal(400, "ERR4", "campo non ammesso nella richiesta: " + name);
            }
        }
    }

    private UUID requiredUuid(JsonNode request, String field, String missingCode) {
        JsonNode value = request.path(field);
        return requiredUuid(value.isString() ? value.asString() : null, missingCode);
    }

    private UUID requiredUuid(String value, String missingCode) {
        if (blank(value)) {
            throw refusal(400, missingCode, null);
        }
        return SchedaChecks.uuid(value.trim()).orElseThrow(() -> refusal(400, "AUT05", value));
    }

    private Instant dateTime(String value) {
        if (blank(value)) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw refusal(400, "AUT09", value);
        }
    }

    /** The output-only fields of the envelope are ignored in the POST ("viene dunque ignorato il valore"). */
    private static JsonNode withoutOutputFields(JsonNode scheda) {
        tools.jackson.databind.node.ObjectNode copy = (tools.jackson.databind.node.ObjectNode) scheda.deepCopy();
        copy.remove(List.of("_idScheda", "_stato", "_dataCreazione", "_dataModifica"));
        return copy;
    }

    private void refuseIfAny(List<PcpError> errors) {
        if (!errors.isEmpty()) {
            throw new PcpException(400, errors.get(0).dettaglio(), errors);
        }
    }

    PcpException refusal(int status, String code, String particulars) {
        PcpError error = checks.error(code, particulars);
        return new PcpException(status, anac.text(code), List.of(error));
    }

    private <T> T inTransaction(Supplier<T> work) {
        return transactions.execute(status -> work.get());
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
