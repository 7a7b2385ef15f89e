package it.openesecuzione.accounting.web;

import it.openesecuzione.accounting.AccountingRequests.AdvanceInput;
import it.openesecuzione.accounting.AccountingRequests.BalanceInput;
import it.openesecuzione.accounting.AccountingRequests.CertificateInput;
import it.openesecuzione.accounting.AccountingRequests.DiaryInput;
import it.openesecuzione.accounting.AccountingRequests.MeasurementInput;
import it.openesecuzione.accounting.AccountingRequests.MilestoneInput;
import it.openesecuzione.accounting.AccountingRequests.RevisionInput;
import it.openesecuzione.accounting.AccountingRequests.SalInput;
import it.openesecuzione.accounting.AccountingSettings;
import it.openesecuzione.accounting.AdvancePayment;
import it.openesecuzione.accounting.CertificateKind;
import it.openesecuzione.accounting.CertificateStatus;
import it.openesecuzione.accounting.ContractAccounting;
import it.openesecuzione.accounting.FinalAccount;
import it.openesecuzione.accounting.ImportOutcome;
import it.openesecuzione.accounting.ItalianNumbers;
import it.openesecuzione.accounting.Measurement;
import it.openesecuzione.accounting.Milestone;
import it.openesecuzione.accounting.PaymentCertificate;
import it.openesecuzione.accounting.PriceItem;
import it.openesecuzione.accounting.PriceItemInput;
import it.openesecuzione.accounting.PriceRevision;
import it.openesecuzione.accounting.PriceRevisionCalculation;
import it.openesecuzione.accounting.SalStatement;
import it.openesecuzione.contracts.Contract;
import it.openesecuzione.contracts.Tipologia;
import it.openesecuzione.shared.ConflictException;
import it.openesecuzione.shared.FieldViolation;
import it.openesecuzione.shared.InvalidInputException;
import it.openesecuzione.shared.Money;
import it.openesecuzione.shared.NotPermittedException;
import it.openesecuzione.web.Crumb;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Serializable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The contabilità of a contract as pages: parameters, price list and measurement book (works) or
 * milestones (services and supplies), site diary, SAL with their register and payment
 * certificates, advance, penalties, price revision, final account. Every rule is the service's
 * ({@link ContractAccounting}): a refused form comes back with each message beside its input and
 * nothing written; an accepted one redirects (post/redirect/get) with a message.
 */
@Controller
class AccountingPages {

    private static final String BASE = "/contratti/{id}/contabilita";
    private static final DateTimeFormatter IT_DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    /** The inputs of each form: a message on any other field goes in the summary above the page. */
    private static final Map<String, Set<String>> INPUTS = Map.ofEntries(
            Map.entry("parametri", Set.of("aliquotaIva", "penaleGiornalieraPerMille", "percentualeAnticipazione", "giorniCertificato",
                    "giorniPagamento")),
            Map.entry("voce", Set.of("codice", "descrizione", "unitaMisura", "prezzoUnitario", "quantita")),
            Map.entry("importazione", Set.of("file", "formato")),
            Map.entry("misura", Set.of("voce", "data", "descrizione", "partiUguali", "lunghezza", "larghezza", "altezza", "quantita",
                    "note")),
            Map.entry("giornale", Set.of("data", "meteo", "manodopera", "annotazioni")),
            Map.entry("fase", Set.of("descrizione", "percentuale")),
            Map.entry("sal", Set.of("data", "percentuale", "fasi")),
            Map.entry("anticipazione", Set.of("percentuale", "dataEmissione", "garante", "numeroGaranzia", "importoGaranzia",
                    "dataGaranzia")),
            Map.entry("revisione", Set.of("data", "indice", "importoSoggetto", "indiceBase", "indiceCorrente", "urlDocumentazione")),
            Map.entry("saldo", Set.of("dataEmissione")),
            Map.entry("certificato", Set.of("dataEmissione", "avanzamento", "numGiorniScostamento")),
            Map.entry("pagamento", Set.of("dataPagamento")));

    /** ANAC's avanzamento codes for the SA1 of a certificate. */
    private static final Map<String, String> AVANZAMENTO = orderedMap("9", "In linea con il cronoprogramma", "10", "In anticipo",
            "11", "In ritardo");
    private static final Map<String, String> FORMATS = orderedMap("XPWE", "XPWE (PriMus, LeenO)", "CSV",
            "CSV (separato da punto e virgola)", "XLSX", "XLSX (foglio Excel)");

    private final ContractAccounting accounting;

    AccountingPages(ContractAccounting accounting) {
        this.accounting = accounting;
    }

    @ModelAttribute("section")
    String section() {
        return "contratti";
    }

    @ModelAttribute("fmt")
    Formats formats() {
        return Formats.INSTANCE;
    }

    // ------------------------------------------------------------------ overview

    @GetMapping(BASE)
    String overview(@PathVariable long id, Model model) {
        return overview(model, id, new Outcome());
    }

    @PostMapping(BASE + "/parametri")
    String updateSettings(@PathVariable long id, @RequestParam Map<String, String> params, Model model, HttpServletResponse response,
            RedirectAttributes redirect) {
        Submitted form = new Submitted("parametri", params);
        try {
            Integer version = form.integer("version");
            AccountingSettings settings = new AccountingSettings(form.number("aliquotaIva"), form.number("penaleGiornalieraPerMille"),
                    form.number("percentualeAnticipazione"), orZero(form.integer("giorniCertificato", true)),
                    orZero(form.integer("giorniPagamento", true)), orZero(version));
            form.check(settings.problems());
            accounting.updateSettings(id, settings);
            redirect.addFlashAttribute("message", "Parametri della contabilità salvati.");
            return redirect(id, "parametri");
        } catch (InvalidInputException e) {
            return refused(model, response, id, form, e, "I parametri non sono stati salvati.");
        } catch (ConflictException e) {
            return conflict(model, response, id, form, e);
        }
    }

    @PostMapping(BASE + "/voci")
    String addItem(@PathVariable long id, @RequestParam Map<String, String> params, Model model, HttpServletResponse response,
            RedirectAttributes redirect) {
        Submitted form = new Submitted("voce", params);
        try {
            PriceItemInput input = new PriceItemInput(form.text("codice"), form.text("descrizione"), form.text("unitaMisura"),
                    form.number("prezzoUnitario"), form.number("quantita"), !form.checked("sicurezza"));
            form.check(input.problems());
            PriceItem item = accounting.addItem(id, input);
            redirect.addFlashAttribute("message", "Voce " + item.code() + " aggiunta all'elenco prezzi"
                    + (item.subjectToDiscount() ? "." : " tra gli oneri della sicurezza (non soggetta a ribasso)."));
            return redirect(id, "elenco");
        } catch (InvalidInputException e) {
            return refused(model, response, id, form, e, "La voce non è stata aggiunta.");
        } catch (ConflictException e) {
            return conflict(model, response, id, form, e);
        }
    }

    @GetMapping(BASE + "/voci/{itemId}")
    String itemForm(@PathVariable long id, @PathVariable long itemId, Model model) {
        PriceItem item = accounting.priceList(id).stream().filter(i -> i.id() == itemId).findFirst()
                .orElseThrow(() -> new it.openesecuzione.shared.NotFoundException("Voce " + itemId + " non trovata"));
        Map<String, String> values = new LinkedHashMap<>();
        values.put("modifica-codice", item.code());
        values.put("modifica-descrizione", item.description());
        values.put("modifica-unitaMisura", item.unit());
        values.put("modifica-prezzoUnitario", Formats.INSTANCE.price(item.unitPrice()).replace("€", "").trim());
        values.put("modifica-quantita", Formats.INSTANCE.quantity(item.quantity()));
        values.put("modifica-sicurezza", item.subjectToDiscount() ? null : "true");
        return itemPage(model, id, itemId, item.code(), values, Map.of(), List.of(), null);
    }

    @PostMapping(BASE + "/voci/{itemId}")
    String updateItem(@PathVariable long id, @PathVariable long itemId, @RequestParam Map<String, String> params, Model model,
            HttpServletResponse response, RedirectAttributes redirect) {
        Submitted form = new Submitted("modifica", "voce", params);
        try {
            PriceItemInput input = new PriceItemInput(form.text("codice"), form.text("descrizione"), form.text("unitaMisura"),
                    form.number("prezzoUnitario"), form.number("quantita"), !form.checked("sicurezza"));
            form.check(input.problems());
            PriceItem item = accounting.updateItem(id, itemId, input);
            redirect.addFlashAttribute("message", "Voce " + item.code() + " modificata.");
            return redirect(id, "elenco");
        } catch (InvalidInputException e) {
            response.setStatus(400);
            Outcome outcome = new Outcome();
            outcome.refuse(form, e, "La voce non è stata modificata.");
            return itemPage(model, id, itemId, null, outcome.values, outcome.errors, outcome.otherErrors, null);
        } catch (ConflictException e) {
            response.setStatus(409);
            Outcome outcome = new Outcome();
            outcome.keep(form);
            return itemPage(model, id, itemId, null, outcome.values, Map.of(), List.of(), message(e));
        }
    }

    private String itemPage(Model model, long id, long itemId, String code, Map<String, String> values, Map<String, String> errors,
            List<String> otherErrors, String conflict) {
        Contract contract = accounting.contract(id);
        if (!accounting.canKeepBooks(contract)) {
            throw new it.openesecuzione.shared.NotPermittedException("Il ruolo dell'utente non consente di modificare l'elenco prezzi");
        }
        model.addAttribute("contract", contract);
        model.addAttribute("values", values);
        model.addAttribute("errors", errors);
        model.addAttribute("otherErrors", otherErrors);
        model.addAttribute("conflict", conflict);
        model.addAttribute("itemId", itemId);
        model.addAttribute("itemCode", code != null ? code : values.get("modifica-codice"));
        model.addAttribute("crumbs", List.of(new Crumb("Contratti", "/contratti"),
                new Crumb("Contratto n. " + id, "/contratti/" + id), new Crumb("Contabilità", "/contratti/" + id + "/contabilita"),
                new Crumb("Modifica voce", null)));
        return "accounting/item";
    }

    @PostMapping(BASE + "/voci/{itemId}/eliminazione")
    String deleteItem(@PathVariable long id, @PathVariable long itemId, Model model, HttpServletResponse response,
            RedirectAttributes redirect) {
        try {
            accounting.deleteItem(id, itemId);
            redirect.addFlashAttribute("message", "Voce eliminata dall'elenco prezzi.");
            return redirect(id, "elenco");
        } catch (ConflictException e) {
            return conflict(model, response, id, null, e);
        }
    }

    @PostMapping(BASE + "/voci/importazione")
    String importItems(@PathVariable long id, @RequestParam Map<String, String> params,
            @RequestParam(name = "file", required = false) MultipartFile file, Model model, HttpServletResponse response,
            RedirectAttributes redirect) throws IOException {
        Submitted form = new Submitted("importazione", params);
        try {
            if (file == null || file.isEmpty()) {
                throw new InvalidInputException(List.of(new FieldViolation("file", null,
                        "Scegliere il file dell'elenco prezzi (XPWE, CSV o XLSX)")));
            }
            boolean onlyValid = form.checked("soloValide");
            ImportOutcome outcome = accounting.importPriceList(id, form.text("formato"), file.getBytes(), onlyValid);
            ImportReport report = ImportReport.of(outcome, file.getOriginalFilename(), onlyValid);
            if (outcome.applied()) {
                redirect.addFlashAttribute("message", "Elenco prezzi importato: " + outcome.imported()
                        + (outcome.imported() == 1 ? " voce aggiunta" : " voci aggiunte")
                        + (outcome.problems().isEmpty() ? "." : "; le righe con problemi sono state scartate (vedere l'esito)."));
                redirect.addFlashAttribute("importReport", report);
                return redirect(id, "elenco");
            }
            // Nothing written: the report says why, row by row; the file is chosen again.
            response.setStatus(400);
            Outcome page = new Outcome();
            page.keep(form);
            page.importReport = report;
            return overview(model, id, page);
        } catch (InvalidInputException e) {
            return refused(model, response, id, form, e, "L'elenco prezzi non è stato importato.");
        } catch (ConflictException e) {
            return conflict(model, response, id, form, e);
        }
    }

    @PostMapping(BASE + "/misure")
    String addMeasurement(@PathVariable long id, @RequestParam Map<String, String> params, Model model, HttpServletResponse response,
            RedirectAttributes redirect) {
        Submitted form = new Submitted("misura", params);
        try {
            MeasurementInput input = new MeasurementInput(form.id("voce"), form.date("data"), form.text("descrizione"),
                    form.number("partiUguali"), form.number("lunghezza"), form.number("larghezza"), form.number("altezza"),
                    form.number("quantita"), form.text("note"));
            form.check(List.of());
            Measurement m = accounting.addMeasurement(id, input);
            PriceItem item = accounting.priceList(id).stream().filter(i -> i.id() == m.itemId()).findFirst().orElse(null);
            redirect.addFlashAttribute("message", "Misura registrata nel libretto"
                    + (item == null ? "" : ": voce " + item.code() + ", " + Formats.INSTANCE.quantity(m.quantity()) + " " + item.unit())
                    + " del " + m.date().format(IT_DATE) + ".");
            return redirect(id, "libretto");
        } catch (InvalidInputException e) {
            return refused(model, response, id, form, e, "La misura non è stata registrata.");
        } catch (ConflictException e) {
            return conflict(model, response, id, form, e);
        }
    }

    @PostMapping(BASE + "/misure/{measurementId}/eliminazione")
    String deleteMeasurement(@PathVariable long id, @PathVariable long measurementId, Model model, HttpServletResponse response,
            RedirectAttributes redirect) {
        try {
            accounting.deleteMeasurement(id, measurementId);
            redirect.addFlashAttribute("message", "Misura eliminata dal libretto.");
            return redirect(id, "libretto");
        } catch (ConflictException e) {
            return conflict(model, response, id, null, e);
        }
    }

    @PostMapping(BASE + "/giornale")
    String addDiaryEntry(@PathVariable long id, @RequestParam Map<String, String> params, Model model, HttpServletResponse response,
            RedirectAttributes redirect) {
        Submitted form = new Submitted("giornale", params);
        try {
            DiaryInput input = new DiaryInput(form.date("data"), form.text("meteo"), form.text("manodopera"), form.text("annotazioni"));
            form.check(List.of());
            accounting.addDiaryEntry(id, input);
            redirect.addFlashAttribute("message", "Annotazione del " + input.date().format(IT_DATE) + " registrata nel giornale.");
            return redirect(id, "giornale");
        } catch (InvalidInputException e) {
            return refused(model, response, id, form, e, "L'annotazione non è stata registrata.");
        } catch (ConflictException e) {
            return conflict(model, response, id, form, e);
        }
    }

    @PostMapping(BASE + "/fasi")
    String addMilestone(@PathVariable long id, @RequestParam Map<String, String> params, Model model, HttpServletResponse response,
            RedirectAttributes redirect) {
        Submitted form = new Submitted("fase", params);
        try {
            MilestoneInput input = new MilestoneInput(form.text("descrizione"), form.number("percentuale"));
            form.check(List.of());
            Milestone milestone = accounting.addMilestone(id, input);
            redirect.addFlashAttribute("message", "Fase «" + milestone.description() + "» aggiunta ("
                    + Formats.INSTANCE.number(milestone.percentage()) + "% del contratto).");
            return redirect(id, "fasi");
        } catch (InvalidInputException e) {
            return refused(model, response, id, form, e, "La fase non è stata aggiunta.");
        } catch (ConflictException e) {
            return conflict(model, response, id, form, e);
        }
    }

    /**
     * What the SAL would be, nothing recorded. With htmx only the SAL form and its preview are
     * replaced, and a refused input answers 200 so that htmx shows the messages.
     */
    @PostMapping(BASE + "/sal/anteprima")
    String previewSal(@PathVariable long id, @RequestParam Map<String, String> params,
            @RequestParam(name = "fasi", required = false) List<String> milestones,
            @RequestHeader(name = "HX-Request", required = false) String htmx, Model model, HttpServletResponse response) {
        Contract contract = accounting.contract(id);
        if (!accounting.canKeepBooks(contract)) {
            throw new NotPermittedException("Il ruolo dell'utente non consente di redigere lo stato di avanzamento");
        }
        Submitted form = new Submitted("sal", params, milestones);
        try {
            SalInput input = salInput(form, milestones);
            Outcome outcome = new Outcome();
            outcome.salPreview = accounting.previewSal(id, input);
            outcome.keep(form);
            return overview(model, id, outcome);
        } catch (InvalidInputException e) {
            String page = refused(model, response, id, form, e, "Anteprima non disponibile.");
            if (htmx != null) {
                response.setStatus(200);
            }
            return page;
        } catch (ConflictException e) {
            String page = conflict(model, response, id, form, e);
            if (htmx != null) {
                response.setStatus(200);
            }
            return page;
        }
    }

    @PostMapping(BASE + "/sal")
    String registerSal(@PathVariable long id, @RequestParam Map<String, String> params,
            @RequestParam(name = "fasi", required = false) List<String> milestones, Model model, HttpServletResponse response,
            RedirectAttributes redirect) {
        Submitted form = new Submitted("sal", params, milestones);
        try {
            SalStatement sal = accounting.registerSal(id, salInput(form, milestones));
            redirect.addFlashAttribute("message", (sal.finalStatement() ? "Stato finale (SAL n. " + sal.number() + ")" : "SAL n. "
                    + sal.number()) + " al " + sal.date().format(IT_DATE) + " registrato: importo netto del periodo "
                    + sal.period().netWorks().formatIt() + ", progressivo " + sal.cumulative().netWorks().formatIt() + ".");
            return redirect(id, "sal");
        } catch (InvalidInputException e) {
            return refused(model, response, id, form, e, "Lo stato di avanzamento non è stato registrato.");
        } catch (ConflictException e) {
            return conflict(model, response, id, form, e);
        }
    }

    @PostMapping(BASE + "/sal/ritiro")
    String withdrawLastSal(@PathVariable long id, Model model, HttpServletResponse response, RedirectAttributes redirect) {
        try {
            List<SalStatement> sals = accounting.sals(id);
            accounting.withdrawLastSal(id);
            redirect.addFlashAttribute("message", sals.isEmpty() ? "SAL ritirato." : "SAL n. " + sals.get(sals.size() - 1).number()
                    + " ritirato: le sue misure sono di nuovo libere.");
            return redirect(id, "sal");
        } catch (ConflictException e) {
            return conflict(model, response, id, null, e);
        }
    }

    @PostMapping(BASE + "/certificati/{certificateId}/pagamento")
    String markPaid(@PathVariable long id, @PathVariable long certificateId, @RequestParam Map<String, String> params, Model model,
            HttpServletResponse response, RedirectAttributes redirect) {
        Submitted form = new Submitted("pagamento-" + certificateId, "pagamento", params);
        try {
            LocalDate paidOn = form.date("dataPagamento");
            form.check(List.of());
            accounting.markPaid(id, certificateId, paidOn);
            redirect.addFlashAttribute("message", "Pagamento del " + paidOn.format(IT_DATE) + " registrato.");
            return redirect(id, "certificati");
        } catch (InvalidInputException e) {
            return refused(model, response, id, form, e, "Il pagamento non è stato registrato.");
        } catch (ConflictException e) {
            return conflict(model, response, id, form, e);
        }
    }

    @PostMapping(BASE + "/anticipazione")
    String grantAdvance(@PathVariable long id, @RequestParam Map<String, String> params, Model model, HttpServletResponse response,
            RedirectAttributes redirect) {
        Submitted form = new Submitted("anticipazione", params);
        try {
            AdvanceInput input = new AdvanceInput(form.number("percentuale"), form.date("dataEmissione"), form.text("garante"),
                    form.text("numeroGaranzia"), form.number("importoGaranzia"), form.date("dataGaranzia"));
            form.check(List.of());
            AdvancePayment advance = accounting.grantAdvance(id, input);
            redirect.addFlashAttribute("message", "Anticipazione concessa: " + advance.amount().formatIt() + " ("
                    + Formats.INSTANCE.number(advance.percent()) + "% del contratto); certificato e scheda SA1 registrati.");
            return redirect(id, "anticipazione");
        } catch (InvalidInputException e) {
            return refused(model, response, id, form, e, "L'anticipazione non è stata registrata.");
        } catch (ConflictException e) {
            return conflict(model, response, id, form, e);
        }
    }

    @PostMapping(BASE + "/revisioni/anteprima")
    String previewRevision(@PathVariable long id, @RequestParam Map<String, String> params,
            @RequestHeader(name = "HX-Request", required = false) String htmx, Model model, HttpServletResponse response) {
        Contract contract = accounting.contract(id);
        if (!accounting.canCertify(contract)) {
            throw new NotPermittedException("Il ruolo dell'utente non consente di riconoscere la revisione dei prezzi");
        }
        Submitted form = new Submitted("revisione", params);
        try {
            RevisionInput input = revisionInput(form);
            Outcome outcome = new Outcome();
            outcome.revisionPreview = accounting.previewRevision(id, input);
            outcome.keep(form);
            return overview(model, id, outcome);
        } catch (InvalidInputException e) {
            String page = refused(model, response, id, form, e, "Anteprima non disponibile.");
            if (htmx != null) {
                response.setStatus(200);
            }
            return page;
        }
    }

    @PostMapping(BASE + "/revisioni")
    String recordRevision(@PathVariable long id, @RequestParam Map<String, String> params, Model model, HttpServletResponse response,
            RedirectAttributes redirect) {
        Submitted form = new Submitted("revisione", params);
        try {
            PriceRevision revision = accounting.recordRevision(id, revisionInput(form));
            PriceRevisionCalculation calc = revision.calculation();
            redirect.addFlashAttribute("message", calc.due()
                    ? "Revisione dei prezzi riconosciuta: " + calc.amount().formatIt() + "; registrata la modifica contrattuale (evento n. "
                            + revision.executionSeq() + ")."
                    : "Revisione registrata: la variazione dell'indice (" + Formats.INSTANCE.number(calc.variationPercent())
                            + "%) non supera la soglia del " + Formats.INSTANCE.number(calc.thresholdPercent()) + "%, nessun importo dovuto.");
            return redirect(id, "revisione");
        } catch (InvalidInputException e) {
            return refused(model, response, id, form, e, "La revisione dei prezzi non è stata registrata.");
        } catch (ConflictException e) {
            return conflict(model, response, id, form, e);
        }
    }

    @PostMapping(BASE + "/saldo")
    String issueBalance(@PathVariable long id, @RequestParam Map<String, String> params, Model model, HttpServletResponse response,
            RedirectAttributes redirect) {
        Submitted form = new Submitted("saldo", params);
        try {
            LocalDate date = form.date("dataEmissione");
            form.check(List.of());
            PaymentCertificate balance = accounting.issueBalance(id, new BalanceInput(date));
            redirect.addFlashAttribute("message", "Rata di saldo emessa: " + balance.figures().amount().formatIt() + ", da pagare entro il "
                    + balance.dueDate().format(IT_DATE) + ".");
            return redirect(id, "conto-finale");
        } catch (InvalidInputException e) {
            return refused(model, response, id, form, e, "La rata di saldo non è stata emessa.");
        } catch (ConflictException e) {
            return conflict(model, response, id, form, e);
        }
    }

    // ------------------------------------------------------------------ SAL detail (registro di contabilità)

    @GetMapping(BASE + "/sal/{number}")
    String sal(@PathVariable long id, @PathVariable int number, Model model) {
        return salPage(model, id, number, new Outcome());
    }

    @PostMapping(BASE + "/sal/{number}/certificato")
    String issueCertificate(@PathVariable long id, @PathVariable int number, @RequestParam Map<String, String> params, Model model,
            HttpServletResponse response, RedirectAttributes redirect) {
        Submitted form = new Submitted("certificato", params);
        Outcome outcome = new Outcome();
        try {
            CertificateInput input = new CertificateInput(form.date("dataEmissione"), form.text("avanzamento"),
                    form.integer("numGiorniScostamento"), form.integer("numGiorniProroga"));
            form.check(List.of());
            PaymentCertificate certificate = accounting.issueCertificate(id, number, input);
            redirect.addFlashAttribute("message", "Certificato di pagamento n. " + certificate.number() + " emesso: "
                    + certificate.figures().amount().formatIt() + " più IVA " + certificate.figures().vat().formatIt()
                    + ", da pagare entro il " + certificate.dueDate().format(IT_DATE) + ". Registrata la scheda SA1.");
            return "redirect:/contratti/" + id + "/contabilita/sal/" + number;
        } catch (InvalidInputException e) {
            response.setStatus(400);
            outcome.refuse(form, e, "Il certificato di pagamento non è stato emesso.");
            return salPage(model, id, number, outcome);
        } catch (ConflictException e) {
            response.setStatus(409);
            outcome.keep(form);
            outcome.conflict = "Il certificato di pagamento non è stato emesso. " + message(e);
            return salPage(model, id, number, outcome);
        }
    }

    private String salPage(Model model, long id, int number, Outcome outcome) {
        Contract contract = accounting.contract(id);
        SalStatement sal = accounting.sal(id, number);
        List<SalStatement> sals = accounting.sals(id);
        List<CertificateStatus> certificates = accounting.certificates(id);
        Optional<CertificateStatus> issued = certificates.stream()
                .filter(c -> c.certificate().kind() == CertificateKind.SAL && Objects.equals(c.certificate().salNumber(), number))
                .findFirst();
        Set<Integer> certified = certificates.stream().filter(c -> c.certificate().kind() == CertificateKind.SAL)
                .map(c -> c.certificate().salNumber()).collect(Collectors.toSet());
        Integer pendingEarlier = sals.stream().map(SalStatement::number).filter(n -> n < number && !certified.contains(n)).findFirst()
                .orElse(null);
        Map<Long, List<Measurement>> byItem = new LinkedHashMap<>();
        accounting.measurementsOf(id, number).forEach(m -> byItem.computeIfAbsent(m.itemId(), k -> new ArrayList<>()).add(m));
        AccountingSettings settings = accounting.settings(id);
        boolean certifier = accounting.canCertify(contract);

        Map<String, String> values = new LinkedHashMap<>();
        values.put("certificato-dataEmissione", accounting.today().toString());
        values.put("certificato-avanzamento", "9");
        values.putAll(outcome.values);

        model.addAttribute("contract", contract);
        model.addAttribute("works", contract.terms().tipologia() == Tipologia.LAVORI);
        model.addAttribute("sal", sal);
        model.addAttribute("measurementsByItem", byItem);
        model.addAttribute("issued", issued.orElse(null));
        model.addAttribute("preview", issued.isPresent() ? null : accounting.previewCertificate(id, number));
        model.addAttribute("pendingEarlier", pendingEarlier);
        model.addAttribute("certificateDeadline", sal.date().plusDays(settings.certificateDays()));
        model.addAttribute("paymentDeadline", sal.date().plusDays(settings.paymentDays()));
        model.addAttribute("settings", settings);
        model.addAttribute("canCertify", certifier);
        model.addAttribute("avanzamenti", AVANZAMENTO);
        model.addAttribute("values", values);
        model.addAttribute("errors", outcome.errors);
        model.addAttribute("otherErrors", outcome.otherErrors);
        model.addAttribute("refusal", outcome.refusal);
        model.addAttribute("refusedForm", outcome.form);
        model.addAttribute("conflict", outcome.conflict);
        model.addAttribute("ribasso", contract.terms().ribasso().formatIt());
        model.addAttribute("crumbs", List.of(new Crumb("Contratti", "/contratti"),
                new Crumb("Contratto n. " + id, "/contratti/" + id), new Crumb("Contabilità", "/contratti/" + id + "/contabilita"),
                new Crumb((sal.finalStatement() ? "Stato finale (SAL n. " + number + ")" : "SAL n. " + number),
                        "/contratti/" + id + "/contabilita/sal/" + number)));
        return "accounting/sal";
    }

    // ------------------------------------------------------------------ the overview's model

    private String overview(Model model, long id, Outcome outcome) {
        Contract contract = accounting.contract(id);
        boolean works = contract.terms().tipologia() == Tipologia.LAVORI;
        boolean keeper = accounting.canKeepBooks(contract);
        boolean certifier = accounting.canCertify(contract);
        AccountingSettings settings = accounting.settings(id);
        List<PriceItem> items = works ? accounting.priceList(id) : List.of();
        List<Measurement> measurements = works ? accounting.measurements(id) : List.of();
        List<Milestone> milestones = works ? List.of() : accounting.milestones(id);
        List<SalStatement> sals = accounting.sals(id);
        List<CertificateStatus> certificates = accounting.certificates(id);
        Optional<AdvancePayment> advance = accounting.advance(id);
        Optional<FinalAccount> finalAccount = accounting.finalAccount(id);
        LocalDate today = accounting.today();

        Map<Long, PriceItem> itemsById = new LinkedHashMap<>();
        items.forEach(i -> itemsById.put(i.id(), i));
        Set<Long> usedItems = new HashSet<>();
        measurements.forEach(m -> usedItems.add(m.itemId()));
        Map<Integer, CertificateStatus> salCertificates = new LinkedHashMap<>();
        certificates.stream().filter(c -> c.certificate().kind() == CertificateKind.SAL)
                .forEach(c -> salCertificates.put(c.certificate().salNumber(), c));
        SalStatement last = sals.isEmpty() ? null : sals.get(sals.size() - 1);
        boolean finalDrawn = last != null && last.finalStatement();
        Map<String, String> itemOptions = new LinkedHashMap<>();
        items.forEach(i -> itemOptions.put(String.valueOf(i.id()), i.code() + " – " + abbreviate(i.description()) + " (" + i.unit() + ")"));

        Map<String, String> values = new LinkedHashMap<>();
        values.put("parametri-aliquotaIva", Formats.INSTANCE.input(settings.vatPercent()));
        values.put("parametri-penaleGiornalieraPerMille", Formats.INSTANCE.input(settings.penaltyPerMille()));
        values.put("parametri-percentualeAnticipazione", Formats.INSTANCE.input(settings.advancePercent()));
        values.put("parametri-giorniCertificato", String.valueOf(settings.certificateDays()));
        values.put("parametri-giorniPagamento", String.valueOf(settings.paymentDays()));
        values.put("parametri-version", String.valueOf(settings.version()));
        values.put("misura-data", today.toString());
        values.put("giornale-data", today.toString());
        values.put("sal-data", today.toString());
        values.put("anticipazione-percentuale", Formats.INSTANCE.input(settings.advancePercent()));
        values.put("anticipazione-dataEmissione", today.toString());
        values.put("revisione-data", today.toString());
        values.put("saldo-dataEmissione", today.toString());
        if (outcome.form != null) {
            values.keySet().removeIf(key -> key.startsWith(outcome.form + "-"));
        }
        values.putAll(outcome.values);

        model.addAttribute("contract", contract);
        model.addAttribute("works", works);
        model.addAttribute("canKeepBooks", keeper);
        model.addAttribute("canCertify", certifier);
        model.addAttribute("today", today);
        model.addAttribute("settings", settings);
        model.addAttribute("ribasso", contract.terms().ribasso().formatIt());
        model.addAttribute("items", items);
        model.addAttribute("itemsById", itemsById);
        model.addAttribute("usedItems", usedItems);
        model.addAttribute("itemOptions", itemOptions);
        model.addAttribute("computoTotal", items.stream().map(PriceItem::computoAmount).reduce(Money.ZERO, Money::plus));
        model.addAttribute("measurements", measurements);
        model.addAttribute("diary", accounting.diary(id));
        model.addAttribute("milestones", milestones);
        model.addAttribute("milestonesTotal", milestones.stream().map(Milestone::percentage).reduce(BigDecimal.ZERO, BigDecimal::add));
        model.addAttribute("openMilestones", milestones.stream().filter(m -> m.salNumber() == null).toList());
        model.addAttribute("sals", sals);
        model.addAttribute("lastSal", last);
        model.addAttribute("withdrawable", last != null && !salCertificates.containsKey(last.number()));
        model.addAttribute("finalDrawn", finalDrawn);
        model.addAttribute("salCertificates", salCertificates);
        model.addAttribute("certificates", certificates);
        model.addAttribute("certified", certificates.stream().map(c -> c.certificate().figures().amount()).reduce(Money.ZERO, Money::plus));
        model.addAttribute("advance", advance.orElse(null));
        model.addAttribute("defaultAdvance", contract.terms().importoContrattuale().percent(settings.advancePercent()));
        model.addAttribute("penalties", accounting.penalties(id));
        model.addAttribute("revisions", accounting.revisions(id));
        model.addAttribute("finalAccount", finalAccount.orElse(null));
        model.addAttribute("balanceIssued", certificates.stream().anyMatch(c -> c.certificate().kind() == CertificateKind.SALDO));
        model.addAttribute("formats", FORMATS);
        model.addAttribute("values", values);
        model.addAttribute("errors", outcome.errors);
        model.addAttribute("otherErrors", outcome.otherErrors);
        model.addAttribute("refusal", outcome.refusal);
        model.addAttribute("refusedForm", outcome.form);
        model.addAttribute("conflict", outcome.conflict);
        model.addAttribute("salPreview", outcome.salPreview);
        model.addAttribute("revisionPreview", outcome.revisionPreview);
        if (outcome.importReport != null || !model.containsAttribute("importReport")) {
            // A report of an applied import comes as a flash attribute after the redirect.
            model.addAttribute("importReport", outcome.importReport);
        }
        model.addAttribute("crumbs", List.of(new Crumb("Contratti", "/contratti"),
                new Crumb("Contratto n. " + id, "/contratti/" + id), new Crumb("Contabilità", "/contratti/" + id + "/contabilita")));
        return "accounting/overview";
    }

    // ------------------------------------------------------------------ helpers

    private String refused(Model model, HttpServletResponse response, long id, Submitted form, InvalidInputException e, String refusal) {
        response.setStatus(400);
        Outcome outcome = new Outcome();
        outcome.refuse(form, e, refusal);
        return overview(model, id, outcome);
    }

    private String conflict(Model model, HttpServletResponse response, long id, Submitted form, ConflictException e) {
        response.setStatus(409);
        Outcome outcome = new Outcome();
        if (form != null) {
            outcome.keep(form);
        }
        outcome.conflict = message(e);
        return overview(model, id, outcome);
    }

    private static String message(ConflictException e) {
        return (e.code() == null ? "" : e.code() + ": ") + e.getMessage();
    }

    private static String redirect(long id, String anchor) {
        return "redirect:/contratti/" + id + "/contabilita#" + anchor;
    }

    private static SalInput salInput(Submitted form, List<String> milestones) {
        LocalDate date = form.date("data");
        BigDecimal percentage = form.number("percentuale");
        List<Long> ids = new ArrayList<>();
        for (String text : milestones == null ? List.<String>of() : milestones) {
            try {
                ids.add(Long.parseLong(text.trim()));
            } catch (NumberFormatException e) {
                form.unreadable("fasi", text, "Fase non riconosciuta");
            }
        }
        form.check(List.of());
        return new SalInput(date, form.checked("finale"), percentage, ids);
    }

    private static RevisionInput revisionInput(Submitted form) {
        RevisionInput input = new RevisionInput(form.date("data"), form.text("indice"), form.number("importoSoggetto"),
                form.number("indiceBase"), form.number("indiceCorrente"), form.text("urlDocumentazione"));
        form.check(List.of());
        return input;
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }

    private static String abbreviate(String text) {
        return text.length() <= 70 ? text : text.substring(0, 69) + "…";
    }

    private static Map<String, String> orderedMap(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /**
     * A form as submitted: its texts read as dates and numbers (with the comma or the point), and
     * what could not be read, reported beside its input like the service's own messages.
     */
    static final class Submitted {

        /** The prefix of the form's input ids ("misura" gives "misura-data"). */
        private final String form;
        /** The set of inputs in {@link #INPUTS}. */
        private final String kind;
        private final Map<String, String> params;
        private final List<String> milestones;
        private final List<FieldViolation> unreadable = new ArrayList<>();

        Submitted(String form, Map<String, String> params) {
            this(form, form, params, null);
        }

        Submitted(String form, Map<String, String> params, List<String> milestones) {
            this(form, form, params, milestones);
        }

        Submitted(String form, String kind, Map<String, String> params) {
            this(form, kind, params, null);
        }

        private Submitted(String form, String kind, Map<String, String> params, List<String> milestones) {
            this.form = form;
            this.kind = kind;
            this.params = params;
            this.milestones = milestones == null ? List.of() : milestones;
        }

        String text(String name) {
            String value = params.get(name);
            return value == null || value.isBlank() ? null : value.trim();
        }

        boolean checked(String name) {
            String value = params.get(name);
            return "true".equals(value) || "on".equals(value);
        }

        BigDecimal number(String name) {
            String text = text(name);
            if (text == null) {
                return null;
            }
            if (ItalianNumbers.ambiguous(text)) {
                unreadable(name, text, "Numero ambiguo: il punto separa le migliaia o i decimali? Scrivere ad esempio "
                        + "1500 oppure 1,5");
                return null;
            }
            Optional<BigDecimal> number = ItalianNumbers.parse(text);
            if (number.isEmpty()) {
                unreadable(name, text, "Non è un numero: scrivere ad esempio 1234,56 (virgola o punto per i decimali, "
                        + "senza separatore delle migliaia)");
            }
            return number.orElse(null);
        }

        Integer integer(String name) {
            return integer(name, false);
        }

        Integer integer(String name, boolean required) {
            if (required && text(name) == null) {
                unreadable(name, null, "Indicare un numero intero di giorni");
                return null;
            }
            return parsed(name, Integer::valueOf, "Scrivere un numero intero (es. 30)");
        }

        Long id(String name) {
            return parsed(name, Long::valueOf, "Scelta non valida");
        }

        LocalDate date(String name) {
            return parsed(name, text -> text.contains("/") ? LocalDate.parse(text, IT_DATE) : LocalDate.parse(text),
                    "Data non valida: scrivere la data come gg/mm/aaaa");
        }

        /** The field read by {@code parse}; null when empty, or when unreadable (noted with {@code message}). */
        private <T> T parsed(String name, java.util.function.Function<String, T> parse, String message) {
            String text = text(name);
            if (text == null) {
                return null;
            }
            try {
                return parse.apply(text);
            } catch (IllegalArgumentException | java.time.DateTimeException e) {
                unreadable(name, text, message);
                return null;
            }
        }

        void unreadable(String name, String value, String message) {
            unreadable.add(new FieldViolation(name, value, message));
        }

        /**
         * Refuses the form when a text could not be read, with the other problems the input
         * itself reveals (on other fields), so the user fixes everything in one go.
         */
        void check(List<FieldViolation> others) {
            if (unreadable.isEmpty()) {
                return;
            }
            Set<String> fields = unreadable.stream().map(FieldViolation::field).collect(Collectors.toSet());
            List<FieldViolation> all = new ArrayList<>(unreadable);
            others.stream().filter(v -> !fields.contains(v.field())).forEach(all::add);
            throw new InvalidInputException(all);
        }
    }

    /** What a refused or previewed form brings back to the page. */
    static final class Outcome {

        /** The form refused or previewed, null when none. */
        String form;
        final Map<String, String> values = new LinkedHashMap<>();
        /** Input id → message. */
        final Map<String, String> errors = new LinkedHashMap<>();
        /** Messages on fields without an input. */
        final List<String> otherErrors = new ArrayList<>();
        String refusal;
        String conflict;
        SalStatement salPreview;
        PriceRevisionCalculation revisionPreview;
        ImportReport importReport;

        /** The values typed, to show them again. */
        void keep(Submitted submitted) {
            form = submitted.form;
            submitted.params.forEach((name, value) -> {
                if (!name.startsWith("_") && !"fasi".equals(name)) {
                    values.put(submitted.form + "-" + name, value);
                }
            });
            submitted.milestones.forEach(m -> values.put(submitted.form + "-fasi-" + m.trim(), "true"));
        }

        void refuse(Submitted submitted, InvalidInputException e, String why) {
            keep(submitted);
            refusal = why;
            Set<String> inputs = INPUTS.getOrDefault(submitted.kind, Set.of());
            for (FieldViolation v : e.violations()) {
                String message = (v.code() == null ? "" : v.code() + ": ") + v.message();
                if (inputs.contains(v.field())) {
                    errors.merge(submitted.form + "-" + v.field(), message, (a, b) -> a.equals(b) ? a : a + " " + b);
                } else {
                    otherErrors.add(message);
                }
            }
        }
    }

    /** The row-by-row report of an import, kept in the session across the redirect. */
    record ImportReport(String fileName, String format, int rowsRead, int imported, boolean applied, boolean onlyValid,
            List<ImportProblem> problems) implements Serializable {

        static ImportReport of(ImportOutcome outcome, String fileName, boolean onlyValid) {
            return new ImportReport(fileName == null || fileName.isBlank() ? "file" : fileName, outcome.format(), outcome.rowsRead(),
                    outcome.imported(), outcome.applied(), onlyValid, outcome.problems().stream()
                            .map(p -> new ImportProblem(p.row(), p.field(), p.value(), p.message())).toList());
        }
    }

    record ImportProblem(int row, String field, String value, String message) implements Serializable {
    }

    /** Numbers and dates as Italian pages write them: comma before the decimals, point between thousands. */
    static final class Formats {

        static final Formats INSTANCE = new Formats();

        private static final DecimalFormatSymbols ITALIAN = symbols();

        private static DecimalFormatSymbols symbols() {
            DecimalFormatSymbols symbols = new DecimalFormatSymbols();
            symbols.setDecimalSeparator(',');
            symbols.setGroupingSeparator('.');
            symbols.setMinusSign('-');
            return symbols;
        }

        private static String format(BigDecimal value, String pattern) {
            if (value == null) {
                return "—";
            }
            DecimalFormat format = new DecimalFormat(pattern, ITALIAN);
            format.setRoundingMode(RoundingMode.HALF_UP);
            format.setParseBigDecimal(true);
            return format.format(value);
        }

        public String date(LocalDate date) {
            return date == null ? "—" : date.format(IT_DATE);
        }

        /** Quantities to the thousandth, as the measurement book states them: "1.234,500". */
        public String quantity(BigDecimal quantity) {
            return format(quantity, "#,##0.000");
        }

        /** A unit price: cents, and the tenths of a cent regional price lists give: "€ 1.234,50", "€ 0,1234". */
        public String price(BigDecimal price) {
            return price == null ? "—" : "€ " + format(price, "#,##0.00##");
        }

        /** A percentage or a rate without useless zeros: "10,5", "20". */
        public String number(BigDecimal number) {
            return number == null ? "—" : format(number.stripTrailingZeros(), "#,##0.##########");
        }

        /** A number as it goes back into an input: no grouping, comma before the decimals. */
        public String input(BigDecimal number) {
            return number == null ? "" : number.stripTrailingZeros().toPlainString().replace('.', ',');
        }
    }
}
