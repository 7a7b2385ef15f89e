package it.openesecuzione.audit.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import it.openesecuzione.audit.AuditContext;
import it.openesecuzione.audit.AuditTrail;
import it.openesecuzione.audit.ChainVerification;
import it.openesecuzione.shared.NotPermittedException;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/audit")
@Tag(name = "Registro delle operazioni", description = "Verifica dell'integrità del registro a catena di hash")
class AuditVerification {

    private final AuditTrail audit;
    private final AuditContext context;

    AuditVerification(AuditTrail audit, AuditContext context) {
        this.audit = audit;
        this.context = context;
    }

    record Verification(boolean intact, List<ChainVerification> chains) {
    }

    @GetMapping("/verify")
    @Operation(summary = "Verifica le catene del registro visibili all'utente",
            description = "Riservato agli amministratori: ricalcola ogni hash e segnala voci alterate, mancanti o riordinate.")
    Verification verify() {
        requireAdministrator(context);
        List<ChainVerification> chains = audit.verifyAll();
        return new Verification(chains.stream().allMatch(ChainVerification::intact), chains);
    }

    static void requireAdministrator(AuditContext context) {
        if (!context.currentUserMayVerify()) {
            throw new NotPermittedException("La verifica del registro è riservata agli amministratori");
        }
    }
}
