package it.openesecuzione.transmission.web;

import it.openesecuzione.transmission.TransmissionStatus;
import it.openesecuzione.web.Crumb;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
class TransmissionPages {

    private final TransmissionStatus status;

    TransmissionPages(TransmissionStatus status) {
        this.status = status;
    }

    @GetMapping("/trasmissioni")
    String queue(Model model) {
        model.addAttribute("section", "trasmissioni");
        model.addAttribute("queue", status.status());
        model.addAttribute("crumbs", List.of(new Crumb("Trasmissioni ad ANAC", "/trasmissioni")));
        return "transmission/status";
    }
}
