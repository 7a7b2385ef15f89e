package it.openesecuzione.transmission.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import it.openesecuzione.transmission.PcpException;
import it.openesecuzione.transmission.PcpView;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** PCP's own view of a contract and of a scheda, read from PCP on demand. */
@RestController
@RequestMapping("/api/v1/transmissions")
@Tag(name = "Trasmissione", description = "Invio delle schede a PCP di ANAC")
class PcpViewApi {

    private final PcpView view;

    PcpViewApi(PcpView view) {
        this.view = view;
    }

    @GetMapping("/contracts/{contractId}/pcp")
    @Operation(summary = "Il contratto come lo vede PCP", description = "stato-appalto per idContratto e le schede dell'appalto "
            + "(ricerca-scheda), letti da PCP al momento per conto dell'utente.")
    PcpView.ContractOnPcp onPcp(@PathVariable long contractId) {
        return view.contract(contractId);
    }

    @GetMapping("/{id}/pcp")
    @Operation(summary = "Una scheda come la conserva PCP (consulta-scheda)")
    Map<String, Object> schedaOnPcp(@PathVariable long id) {
        return view.scheda(id);
    }

    /** PCP could not be read: the platform is fine, the answer is PCP's or its gateway's. */
    @ExceptionHandler(PcpException.class)
    ProblemDetail pcpUnavailable(PcpException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY, e.getMessage());
        problem.setTitle("PCP non disponibile");
        if (e instanceof PcpException.Rejected rejected) {
            problem.setProperty("errori", rejected.errori());
        }
        return problem;
    }
}
