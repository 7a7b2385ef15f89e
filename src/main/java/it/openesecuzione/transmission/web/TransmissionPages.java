package it.openesecuzione.transmission.web;

import it.openesecuzione.pcpsim.PcpSimulatorStatus;
import it.openesecuzione.shared.ConflictException;
import it.openesecuzione.shared.InvalidInputException;
import it.openesecuzione.shared.NotFoundException;
import it.openesecuzione.transmission.Transmission;
import it.openesecuzione.transmission.TransmissionStatus;
import it.openesecuzione.transmission.security.PcpEndpoints;
import it.openesecuzione.web.Crumb;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The delivery queue, where the schede go; from the execution page the resending of a rejected
 * scheda and the request to annul a confirmed conclusion.
 */
@Controller
class TransmissionPages {

    private final TransmissionStatus status;
    private final Resends resends;
    private final Rollbacks rollbacks;
    private final PcpEndpoints endpoints;
    private final ObjectProvider<PcpSimulatorStatus> simulator;

    TransmissionPages(TransmissionStatus status, Resends resends, Rollbacks rollbacks, PcpEndpoints endpoints,
            ObjectProvider<PcpSimulatorStatus> simulator) {
        this.status = status;
        this.resends = resends;
        this.rollbacks = rollbacks;
        this.endpoints = endpoints;
        this.simulator = simulator;
    }

    /**
     * Where the schede go: the environment, its address, and for the simulator what it checks.
     *
     * @param simulatorServed whether this application serves the simulator (else it runs on its own)
     * @param simulatorStatus the simulator's own description; null for ANAC's environments
     */
    record Destination(PcpEnvironmentView environment, String baseUrl, boolean simulatorServed, String simulatorStatus) {
    }

    @GetMapping("/trasmissioni")
    String queue(Model model) {
        PcpEnvironmentView environment = PcpEnvironmentView.of(endpoints.environment());
        PcpSimulatorStatus sim = environment.simulator() ? simulator.getIfAvailable() : null;
        model.addAttribute("section", "trasmissioni");
        model.addAttribute("queue", status.status());
        model.addAttribute("destination", new Destination(environment, endpoints.baseUrl().toString(),
                sim != null && sim.enabled(), sim == null ? null : sim.description()));
        model.addAttribute("crumbs", List.of(new Crumb("Trasmissioni ad ANAC", "/trasmissioni")));
        return "transmission/status";
    }

    /** The "Rinvia" button beside a rejected scheda on the execution timeline. */
    @PostMapping("/contratti/{id}/esecuzione/trasmissioni/{transmissionId}/rinvio")
    String resend(@PathVariable long id, @PathVariable long transmissionId, RedirectAttributes redirect) {
        Transmission transmission = resends.permitted(transmissionId);
        if (transmission.contractId() != id) {
            throw new NotFoundException("Invio non trovato per questo contratto");
        }
        String scheda = "Scheda " + transmission.code() + " (evento n. " + transmission.seq() + ")";
        try {
            resends.resend(transmission);
            redirect.addFlashAttribute("message", scheda + " rimessa in coda per l'invio a PCP.");
        } catch (ConflictException e) {
            // Already resent (a second click, another user): the page shows where it stands now.
            redirect.addFlashAttribute("errorMessage", scheda + " non rinviata. " + e.getMessage() + ".");
        }
        return "redirect:/contratti/" + id + "/esecuzione";
    }

    /** "Chiedi l'annullamento ad ANAC" beside the confirmed CO1 or CO2 that is the last event counting. */
    @PostMapping("/contratti/{id}/esecuzione/trasmissioni/{transmissionId}/annullamento")
    String annul(@PathVariable long id, @PathVariable long transmissionId,
            @RequestParam(name = "motivazione", required = false) String reason, RedirectAttributes redirect) {
        Transmission transmission = rollbacks.permitted(id, transmissionId);
        String scheda = "Scheda " + transmission.code() + " (evento n. " + transmission.seq() + ")";
        try {
            // Never null: TransmissionDelivery checks the reason against Set.of, which refuses null.
            rollbacks.request(transmission, reason == null ? "" : reason.trim());
            redirect.addFlashAttribute("message", scheda + ": richiesta di annullamento inviata ad ANAC. Quando PCP la accoglie "
                    + "l'evento è annullato e il contratto torna allo stato precedente.");
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("errorMessage", scheda + ": annullamento non richiesto. " + String.join(" ",
                    e.violations().stream().map(v -> v.message() + ".").toList()));
        } catch (ConflictException e) {
            redirect.addFlashAttribute("errorMessage", scheda + ": annullamento non richiesto. "
                    + (e.code() == null ? "" : e.code() + ": ") + e.getMessage() + ".");
        }
        return "redirect:/contratti/" + id + "/esecuzione";
    }
}
