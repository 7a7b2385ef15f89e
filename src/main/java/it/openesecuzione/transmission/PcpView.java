package it.openesecuzione.transmission;

import it.openesecuzione.contracts.Contract;
import it.openesecuzione.contracts.ContractRegistry;
import it.openesecuzione.identity.CurrentUser;
import it.openesecuzione.identity.PlatformUser;
import it.openesecuzione.identity.StazioneAppaltante;
import it.openesecuzione.identity.UserDirectory;
import it.openesecuzione.shared.InvalidInputException;
import it.openesecuzione.shared.NotFoundException;
import it.openesecuzione.platform.SystemScope;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * PCP's own view of a contract, read on demand for the user who asks (stato-appalto,
 * ricerca-scheda, consulta-scheda): to compare with the platform's when something looks wrong.
 * Every such call goes into the contract's audit trail with its answer, as the delivery's do.
 */
@Service
public class PcpView {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(PcpView.class);

    private final PcpClient pcp;
    private final ContractRegistry contracts;
    private final UserDirectory directory;
    private final TransmissionStatus transmissions;
    private final ApplicationEventPublisher publisher;
    private final TransactionTemplate transactionTemplate;

    PcpView(PcpClient pcp, ContractRegistry contracts, UserDirectory directory, TransmissionStatus transmissions,
            ApplicationEventPublisher publisher, PlatformTransactionManager transactionManager) {
        this.pcp = pcp;
        this.contracts = contracts;
        this.directory = directory;
        this.transmissions = transmissions;
        this.publisher = publisher;
        this.transactionTemplate = new TransactionTemplate(transactionManager);
        this.transactionTemplate.setPropagationBehavior(org.springframework.transaction.TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** @param statoContratto null until PCP knows the contract (before the SC1 is confirmed) */
    public record ContractOnPcp(UUID idAppalto, UUID idContratto, String statoContratto, List<PcpClient.PcpScheda> schede) {
    }

    public ContractOnPcp contract(long contractId) {
        Contract contract = contracts.find(contractId);
        PcpCall call = call(contract, "vista-" + contractId);
        UUID idContratto = contract.terms().idContratto();
        String state = idContratto == null ? null : audited(contract, "PCP_STATO_CONTRATTO",
                Map.of("idContratto", idContratto.toString()), () -> pcp.statoContratto(call, idContratto),
                answer -> Map.of("stato", String.valueOf(answer)));
        List<PcpClient.PcpScheda> schede = audited(contract, "PCP_RICERCA_SCHEDA",
                Map.of("idAppalto", call.idAppalto().toString(), "richiesta", "consultazione"), () -> pcp.schede(call),
                answer -> Map.of("trovate", answer.size(),
                        "schede", answer.stream().map(s -> s.codice() + " " + s.stato() + " " + s.idScheda()).toList()));
        return new ContractOnPcp(call.idAppalto(), idContratto, state, schede);
    }

    public Map<String, Object> scheda(long transmissionId) {
        Transmission transmission = transmissions.find(transmissionId).orElseThrow(() -> new NotFoundException("Invio non trovato"));
        Contract contract = contracts.find(transmission.contractId());
        if (transmission.idScheda() == null) {
            throw new NotFoundException("La scheda non è ancora stata creata su PCP");
        }
        PcpCall call = call(contract, "vista-" + contract.id() + "-" + transmission.seq());
        return audited(contract, "PCP_CONSULTA_SCHEDA", Map.of("scheda", transmission.seq(), "codice", transmission.code(),
                "idScheda", transmission.idScheda().toString()), () -> pcp.consultaScheda(call, transmission.idScheda()),
                answer -> Map.of("ricevuta", answer.isEmpty() ? "vuota" : "sì"));
    }

    /**
     * Calls PCP and puts the call and its answer (or its failure) into the contract's audit trail,
     * in a transaction of its own: a read that fails is audited too, and the user still sees the error.
     */
    private <T> T audited(Contract contract, String action, Map<String, Object> request, Supplier<T> call,
            Function<T, Map<String, Object>> answer) {
        Map<String, Object> summary = new LinkedHashMap<>(request);
        try {
            T result = call.get();
            summary.putAll(answer.apply(result));
            return result;
        } catch (PcpException.Rejected e) {
            summary.put("errore", e.getMessage());
            summary.put("errori", e.errori().stream().map(PcpError::codice).toList());
            throw e;
        } catch (RuntimeException e) {
            summary.put("errore", e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            throw e;
        } finally {
            // The contract was read under the user's scope; the entry goes into its authority's chain
            // whichever reader (an observer of another authority included) asked. A failure to audit a
            // failed read does not hide why the read failed.
            try {
                SystemScope.call(() -> transactionTemplate.execute(status -> {
                    publisher.publishEvent(new TransmissionAudited(contract.authorityId(), contract.id(), action, summary));
                    return null;
                }));
            } catch (RuntimeException auditFailure) {
                if (!summary.containsKey("errore")) {
                    throw auditFailure;
                }
                log.error("Lettura di PCP non riuscita e non registrata nel registro delle operazioni ({})", action, auditFailure);
            }
        }
    }

    /** The user who asks, as the tracking token states them: RP for the contract's RUP, DRP otherwise. */
    private PcpCall call(Contract contract, String trace) {
        if (contract.terms().idAppalto() == null) {
            throw new InvalidInputException(List.of(new it.openesecuzione.shared.FieldViolation("idAppalto", null,
                    "Il contratto non ha l'idAppalto: PCP non lo conosce")));
        }
        PlatformUser user = CurrentUser.get();
        StazioneAppaltante authority = directory.find(contract.authorityId()).orElseThrow();
        String role = user.id() == contract.terms().rupId() ? "RP" : "DRP";
        return new PcpCall(contract.terms().idAppalto(), authority.codiceAusa(), authority.codiceFiscale().value(),
                user.codiceFiscale(), role, CurrentUser.assurance().orElseThrow(), trace);
    }
}
