package it.openesecuzione.transmission;

import it.openesecuzione.contracts.Contract;
import it.openesecuzione.contracts.ContractRegistry;
import it.openesecuzione.identity.CurrentUser;
import it.openesecuzione.identity.PlatformUser;
import it.openesecuzione.identity.StazioneAppaltante;
import it.openesecuzione.identity.UserDirectory;
import it.openesecuzione.shared.InvalidInputException;
import it.openesecuzione.shared.NotFoundException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * PCP's own view of a contract, read on demand for the user who asks (stato-appalto,
 * ricerca-scheda, consulta-scheda): to compare with the platform's when something looks wrong.
 */
@Service
public class PcpView {

    private final PcpClient pcp;
    private final ContractRegistry contracts;
    private final UserDirectory directory;
    private final TransmissionStatus transmissions;

    PcpView(PcpClient pcp, ContractRegistry contracts, UserDirectory directory, TransmissionStatus transmissions) {
        this.pcp = pcp;
        this.contracts = contracts;
        this.directory = directory;
        this.transmissions = transmissions;
    }

    /** @param statoContratto null until PCP knows the contract (before the SC1 is confirmed) */
    public record ContractOnPcp(UUID idAppalto, UUID idContratto, String statoContratto, List<PcpClient.PcpScheda> schede) {
    }

    public ContractOnPcp contract(long contractId) {
        Contract contract = contracts.find(contractId);
        PcpCall call = call(contract, "vista-" + contractId);
        UUID idContratto = contract.terms().idContratto();
        String state = idContratto == null ? null : pcp.statoContratto(call, idContratto);
        return new ContractOnPcp(call.idAppalto(), idContratto, state, pcp.schede(call));
    }

    public Map<String, Object> scheda(long transmissionId) {
        Transmission transmission = transmissions.find(transmissionId).orElseThrow(() -> new NotFoundException("Invio non trovato"));
        Contract contract = contracts.find(transmission.contractId());
        if (transmission.idScheda() == null) {
            throw new NotFoundException("La scheda non è ancora stata creata su PCP");
        }
        return pcp.consultaScheda(call(contract, "vista-" + contract.id() + "-" + transmission.seq()), transmission.idScheda());
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
