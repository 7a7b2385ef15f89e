package it.openesecuzione.execution;

import it.openesecuzione.shared.CodiceFiscale;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

/**
 * RSU1, the request to authorise a subcontract (art. 119; model modello-dati-schede-RSU1, rules
 * RSU1.dmn): the subcontractor and its subjects, who grants the subcontract, object, presumed
 * amount, SOA category and CPVs, with the subcontractor's ESPD request in the body.
 *
 * <p>Who grants it is derived: the awardee (its idPartecipante from the SC1) or, for a cascade
 * subcontract, the subcontractor of the earlier request the event refers to, whose PCP id becomes
 * idSubappalto when the scheda is sent. The day the request was received (dataEvento) starts the
 * authority's 30- or 15-day term.
 */
final class Rsu1Scheda implements SchedaBuilder {

    static final String VERSION = "1.0";
    private static final String S = "subappalto";
    private static final String OE = S + ".operatoreEconomicoSubappaltatore";
    private static final String GRANTOR = S + ".conferenteSubappalto";
    /** ANAC's CPV codes: the eight digits, without the check digit. */
    private static final Pattern CPV = Pattern.compile("\\d{8}");

    @Override
    public SchedaDraft build(ContractFacts facts, ExecutionTimeline timeline, Map<String, Object> data) {
        return build(facts, timeline, List.of(), EventRequest.of("RSU1", data));
    }

    @Override
    @SuppressWarnings("unchecked")
    public SchedaDraft build(ContractFacts facts, ExecutionTimeline timeline, List<RecordedScheda> history, EventRequest request) {
        Map<String, Object> data = request.data();
        List<SchedaError> errors = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Map<String, Object> section = Schede.section(data, S, errors);
        Schede.checkIdContratto(facts, data, errors);
        FormReader form = new FormReader(section, S, errors);

        LocalDate requested = Schede.eventDay(request, facts, errors);

        Map<String, Object> operator = null;
        if (section != null) {
            operator = section.get("operatoreEconomicoSubappaltatore") instanceof Map<?, ?> map ? (Map<String, Object>) map : null;
            if (operator == null) {
                errors.add(new SchedaError(SchedaError.REQUIRED, OE, "Indicare il subappaltatore"));
            }
        }
        String idOE = operator == null ? null : idOE(operator, errors);
        List<Map<String, Object>> subjects = operator == null ? List.of() : subjects(operator, requested, errors);

        Grantor grantor = section == null ? null : grantor(facts, history, request, section, errors);

        String object = section != null && form.has("oggetto") ? section.get("oggetto").toString().trim() : null;
        BigDecimal amount = form.amount("importoPresunto", true);
        if (amount != null && amount.signum() <= 0) {
            errors.add(new SchedaError(SchedaError.FORMAT, S + ".importoPresunto", "L'importo presunto deve essere maggiore di zero"));
        }
        if (amount != null && amount.scale() > 2) {
            errors.add(new SchedaError(SchedaError.FORMAT, S + ".importoPresunto", "Importo in euro con al massimo due decimali"));
        }
        String category = section == null ? null : Schede.coded(section, "categoria", S + ".categoria", CodeLists.CATEGORIA.keySet(), errors);
        List<Object> separable = form.list("categoriaScorporabile");
        List<String> separableCodes = new ArrayList<>();
        if (separable != null) {
            for (int i = 0; i < separable.size(); i++) {
                String code = Schede.coded(Map.of("categoria", Objects.requireNonNullElse(separable.get(i), "")), "categoria",
                        S + ".categoriaScorporabile[" + i + "]", CodeLists.CATEGORIA.keySet(), errors);
                if (code != null) {
                    separableCodes.add(code);
                }
            }
        }
        List<String> cpvs = section == null ? List.of() : cpvs(form.list("cpv"), errors);

        String espd = espd(request.espd(), errors);

        if (amount != null && amount.signum() > 0 && requested != null) {
            int days = Subcontract.decisionDays(amount, facts.currentValue());
            warnings.add("Termine per l'autorizzazione: " + requested.plusDays(days) + " (" + days + " giorni dalla richiesta del "
                    + requested + ", art. 119 c. 16" + (days == Subcontract.SHORT_DECISION_DAYS
                            ? ", ridotti della metà perché il subappalto è inferiore al 2% del contratto o a 100.000 euro" : "")
                    + "). In mancanza di un provvedimento entro il termine l'autorizzazione si intende concessa.");
        }

        Map<String, Object> subcontractor = new LinkedHashMap<>();
        subcontractor.put("idOE", idOE);
        subcontractor.put("elencoSoggetti", subjects);
        Map<String, Object> subappalto = new LinkedHashMap<>();
        subappalto.put("operatoreEconomicoSubappaltatore", subcontractor);
        subappalto.put("conferenteSubappalto", grantor == null ? null : grantor.anacForm());
        subappalto.put("oggetto", object);
        subappalto.put("importoPresunto", amount);
        subappalto.put("categoria", category == null ? null : Map.of("idTipologica", "categoria", "codice", category));
        subappalto.put("categoriaScorporabile", separableCodes.isEmpty() ? null
                : separableCodes.stream().map(code -> Map.of("idTipologica", "categoria", "codice", code)).toList());
        subappalto.put("cpv", cpvs.stream().map(code -> Map.of("idTipologica", "CPV", "codice", code)).toList());
        subappalto.values().removeIf(Objects::isNull);

        Map<String, Object> anacForm = new LinkedHashMap<>();
        if (facts.idContratto() != null) {
            anacForm.put("idContratto", facts.idContratto().toString());
        }
        if (grantor != null && grantor.idSubappalto() != null) {
            anacForm.put("idSubappalto", grantor.idSubappalto());
        }
        anacForm.put(S, subappalto);
        boolean waits = facts.idContratto() == null || (grantor != null && grantor.parentSeq() != null);
        return new SchedaDraft(SchedaCode.RSU1, VERSION, requested != null ? requested : facts.today(), anacForm, errors, warnings,
                waits, grantor == null ? null : grantor.parentSeq(), espd == null ? Map.of() : Map.of("espd", espd));
    }

    /** REG138: ANAC's rule reads an empty idOE; the schema wants a UUID. */
    private static String idOE(Map<String, Object> operator, List<SchedaError> errors) {
        Object value = operator.get("idOE");
        if (value == null) {
            errors.add(new SchedaError(SchedaError.REQUIRED, OE + ".idOE", "Indicare l'identificativo PCP del subappaltatore"));
            return null;
        }
        if (value.toString().isBlank()) {
            errors.add(AnacErrors.error("REG138", OE + ".idOE"));
            return null;
        }
        try {
            return UUID.fromString(value.toString().trim()).toString();
        } catch (IllegalArgumentException e) {
            errors.add(new SchedaError(SchedaError.FORMAT, OE + ".idOE", "Identificativo non valido: atteso un UUID"));
            return null;
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> subjects(Map<String, Object> operator, LocalDate on, List<SchedaError> errors) {
        Object value = operator.get("elencoSoggetti");
        if (!(value instanceof List<?> list)) {
            errors.add(new SchedaError(SchedaError.REQUIRED, OE + ".elencoSoggetti", "Indicare i soggetti del subappaltatore"));
            return List.of();
        }
        if (list.isEmpty()) {
            errors.add(AnacErrors.error("REG142", OE + ".elencoSoggetti"));
            return List.of();
        }
        List<Map<String, Object>> subjects = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String path = OE + ".elencoSoggetti[" + i + "]";
            Map<String, Object> given = list.get(i) instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
            FormReader subject = new FormReader(given, path, errors);
            Boolean foreign = subject.bool("operatoreEstero", true);
            String taxCode = null;
            if (!subject.has("codiceFiscale")) {
                errors.add(AnacErrors.error("REG2", path + ".codiceFiscale"));
            } else {
                taxCode = given.get("codiceFiscale").toString().trim().toUpperCase(java.util.Locale.ROOT);
                // A foreign operator has its own country's tax code, which Italian rules cannot check.
                Optional<String> problem = Boolean.TRUE.equals(foreign) ? Optional.empty() : CodiceFiscale.problemWith(taxCode);
                if (problem.isPresent()) {
                    errors.add(new SchedaError(SchedaError.FORMAT, path + ".codiceFiscale", "Codice fiscale non valido: " + problem.get()));
                }
            }
            String name = null;
            if (!subject.has("denominazione")) {
                errors.add(AnacErrors.error("REG129", path + ".denominazione"));
            } else {
                name = given.get("denominazione").toString().trim();
            }
            String role = ruoloOE(given, path, on, errors);
            String kind = Schede.coded(given, "tipoOE", path + ".tipoOE", CodeLists.TIPO_OE.keySet(), errors);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("codiceFiscale", taxCode);
            out.put("denominazione", name);
            out.put("ruoloOE", role == null ? null : Map.of("idTipologica", "ruoloOE", "codice", role));
            out.put("tipoOE", kind == null ? null : Map.of("idTipologica", "tipoOE", "codice", kind));
            out.put("operatoreEstero", foreign);
            out.values().removeIf(Objects::isNull);
            subjects.add(out);
        }
        return subjects;
    }

    /** A ruoloOE code, refused when ANAC closed it before the day of the event. */
    static String ruoloOE(Map<String, Object> given, String path, LocalDate on, List<SchedaError> errors) {
        String role = Schede.coded(given, "ruoloOE", path + ".ruoloOE", CodeLists.RUOLO_OE.keySet(), errors);
        if (role != null && CodeLists.RUOLO_OE_ENDED.contains(role) && on != null && !on.isBefore(CodeLists.RUOLO_OE_ENDED_ON)) {
            errors.add(new SchedaError(SchedaError.FORMAT, path + ".ruoloOE", "Il ruolo \"" + role + "\" ("
                    + CodeLists.RUOLO_OE.get(role) + ") non è più in uso dal " + CodeLists.RUOLO_OE_ENDED_ON
                    + ": usare i codici 13-16 (Mandatario, Operatore Economico, Impresa cooptata, Subappaltatore)"));
            return null;
        }
        return role;
    }

    /**
     * Who grants the subcontract. {@code parentSeq}: the earlier request of a cascade, whose PCP
     * id is idSubappalto; {@code idSubappalto} when the integrator gave PCP's id itself.
     */
    record Grantor(String idAggiudicatario, String idSubappaltanteACascata, Integer parentSeq, String idSubappalto) {

        Map<String, Object> anacForm() {
            Map<String, Object> grantor = new LinkedHashMap<>();
            if (idAggiudicatario != null) {
                grantor.put("idAggiudicatario", idAggiudicatario);
            }
            if (idSubappaltanteACascata != null) {
                grantor.put("idSubappaltanteACascata", idSubappaltanteACascata);
            }
            return grantor;
        }
    }

    @SuppressWarnings("unchecked")
    private static Grantor grantor(ContractFacts facts, List<RecordedScheda> history, EventRequest request,
            Map<String, Object> section, List<SchedaError> errors) {
        Map<String, Object> given = section.get("conferenteSubappalto") instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
        String awardee = text(given.get("idAggiudicatario"));
        String cascade = text(given.get("idSubappaltanteACascata"));
        String idSubappalto = text(request.data().get("idSubappalto"));
        if (awardee != null && cascade != null) {
            errors.add(AnacErrors.error("REG140", GRANTOR));
            return null;
        }
        for (var id : new String[][] {{"idAggiudicatario", awardee}, {"idSubappaltanteACascata", cascade}, {"idSubappalto", idSubappalto}}) {
            if (id[1] != null && !isUuid(id[1])) {
                errors.add(new SchedaError(SchedaError.FORMAT, (id[0].equals("idSubappalto") ? "" : GRANTOR + ".") + id[0],
                        "Identificativo non valido: atteso un UUID"));
                return null;
            }
        }
        LocalDate today = facts.today();
        List<Subcontract> subcontracts = Subcontract.of(history, facts.importoContrattuale());
        Subcontract parent = null;
        if (request.riferimento() != null) {
            parent = subcontracts.stream().filter(s -> s.seq() == request.riferimento()).findFirst().orElse(null);
            if (parent == null) {
                errors.add(new SchedaError(SchedaError.STATE, "riferimento", "L'evento n. " + request.riferimento()
                        + " non è una richiesta di subappalto (RSU1) di questo contratto"));
                return null;
            }
        } else if (cascade != null && idSubappalto == null) {
            String wanted = cascade;
            List<Subcontract> matching = subcontracts.stream().filter(s -> s.idOE().equals(wanted)).toList();
            parent = matching.size() == 1 ? matching.get(0) : null;
        }
        if (parent != null) {
            Subcontract.State state = parent.state(today);
            if (state != Subcontract.State.AUTORIZZATO && state != Subcontract.State.AUTORIZZATO_SILENZIO_ASSENSO) {
                errors.add(new SchedaError(SchedaError.STATE, "riferimento", "Il subappalto a cascata deriva da un subappalto "
                        + "autorizzato e in corso: quello richiesto con l'evento n. " + parent.seq() + " è \""
                        + state.label().toLowerCase(java.util.Locale.ITALIAN) + "\""));
                return null;
            }
            if (cascade != null && !cascade.equals(parent.idOE())) {
                errors.add(new SchedaError(SchedaError.DERIVED, GRANTOR + ".idSubappaltanteACascata",
                        "Il conferente del subappalto a cascata è il subappaltatore dell'evento n. " + parent.seq() + " ("
                                + parent.idOE() + ")"));
                return null;
            }
            if (awardee != null) {
                errors.add(AnacErrors.error("REG140", GRANTOR));
                return null;
            }
            // idSubappalto is the PCP id of the parent request: filled in when the scheda is sent.
            return new Grantor(null, parent.idOE(), parent.seq(), idSubappalto);
        }
        if (cascade != null) {
            if (idSubappalto == null) {
                errors.add(AnacErrors.error("REG141", "idSubappalto"));
                return null;
            }
            return new Grantor(null, cascade, null, idSubappalto);
        }
        String participant = awardee != null ? awardee : awardeeOf(history);
        if (participant == null) {
            errors.add(AnacErrors.error("REG139", GRANTOR));
            return null;
        }
        return new Grantor(participant, null, null, null);
    }

    /** The awardee's idPartecipante, stated by the last SC1 or, after a change of awardee, S4. */
    static String awardeeOf(List<RecordedScheda> history) {
        String participant = null;
        for (RecordedScheda event : history) {
            Object section = switch (event.code()) {
                case SC1 -> event.anacForm().get("datiContratto");
                case S4 -> event.anacForm().get("partecipante");
                default -> null;
            };
            if (section instanceof Map<?, ?> dati && dati.get("idPartecipante") != null) {
                participant = dati.get("idPartecipante").toString();
            }
        }
        return participant;
    }

    private static List<String> cpvs(List<Object> given, List<SchedaError> errors) {
        if (given == null || given.isEmpty()) {
            errors.add(new SchedaError(SchedaError.REQUIRED, S + ".cpv", "Indicare almeno un codice CPV"));
            return List.of();
        }
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            Object value = given.get(i);
            String code = value instanceof Map<?, ?> map ? String.valueOf(map.get("codice")) : String.valueOf(value);
            code = code.trim();
            // Written with the check digit ("45233141-9"), as in the EU vocabulary: ANAC's list has none.
            if (code.matches("\\d{8}-\\d")) {
                code = code.substring(0, 8);
            }
            if (!CPV.matcher(code).matches()) {
                errors.add(new SchedaError(SchedaError.FORMAT, S + ".cpv[" + i + "]",
                        "Codice CPV non valido: \"" + code + "\" (otto cifre, ad esempio 45233141)"));
            } else {
                codes.add(code);
            }
        }
        return codes;
    }

    /** The ESPD request, required by ANAC with RSU1: Base64 of an XML document. */
    private static String espd(String given, List<SchedaError> errors) {
        if (given == null || given.isBlank()) {
            errors.add(new SchedaError(SchedaError.REQUIRED, "espd",
                    "Allegare la richiesta DGUE (ESPD Request) del subappaltatore, in XML codificato Base64"));
            return null;
        }
        String text = given.replaceAll("\\s", "");
        byte[] xml;
        try {
            xml = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            errors.add(new SchedaError(SchedaError.FORMAT, "espd", "Il DGUE non è codificato Base64 valido"));
            return null;
        }
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            // The document comes from outside: no DTDs, no external entities.
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            var builder = factory.newDocumentBuilder();
            builder.setErrorHandler(new org.xml.sax.helpers.DefaultHandler());
            builder.parse(new ByteArrayInputStream(xml));
        } catch (Exception e) {
            errors.add(new SchedaError(SchedaError.FORMAT, "espd", "Il DGUE non è un documento XML valido"));
            return null;
        }
        return text;
    }

    private static String text(Object value) {
        return value == null || value.toString().isBlank() ? null : value.toString().trim();
    }

    private static boolean isUuid(String text) {
        try {
            UUID.fromString(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
