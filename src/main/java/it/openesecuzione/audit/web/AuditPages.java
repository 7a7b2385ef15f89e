package it.openesecuzione.audit.web;

import it.openesecuzione.audit.AuditContext;
import it.openesecuzione.audit.AuditTrail;
import it.openesecuzione.audit.ChainVerification;
import it.openesecuzione.web.Crumb;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
class AuditPages {

    private final AuditTrail audit;
    private final AuditContext context;

    AuditPages(AuditTrail audit, AuditContext context) {
        this.audit = audit;
        this.context = context;
    }

    @GetMapping("/registro")
    String verify(Model model) {
        AuditVerification.requireAdministrator(context);
        List<ChainVerification> chains = audit.verifyAll();
        Map<Long, String> names = new LinkedHashMap<>();
        chains.forEach(chain -> names.put(chain.chainId(), context.chainLabel(chain.chainId())));
        model.addAttribute("section", "registro");
        model.addAttribute("chains", chains);
        model.addAttribute("names", names);
        model.addAttribute("intact", chains.stream().allMatch(ChainVerification::intact));
        model.addAttribute("crumbs", List.of(new Crumb("Registro delle operazioni", "/registro")));
        return "audit/verify";
    }
}
