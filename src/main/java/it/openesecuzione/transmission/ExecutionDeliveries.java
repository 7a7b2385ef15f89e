package it.openesecuzione.transmission;

import it.openesecuzione.execution.AnacErrors;
import it.openesecuzione.execution.SchedaDeliveries;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The execution module's view of the deliveries: state and ANAC's errors beside each scheda. */
@Component
class ExecutionDeliveries implements SchedaDeliveries {

    private final Transmissions transmissions;

    ExecutionDeliveries(Transmissions transmissions) {
        this.transmissions = transmissions;
    }

    @Override
    @Transactional(readOnly = true)
    public Map<Integer, Delivery> of(long contractId) {
        Map<Integer, Delivery> deliveries = new LinkedHashMap<>();
        for (Transmission t : transmissions.forContract(contractId)) {
            deliveries.put(t.seq(), new Delivery(t.state().name(), t.state().label(), t.idScheda() == null ? null : t.idScheda().toString(),
                    t.errori().stream().map(ExecutionDeliveries::error).toList(),
                    t.lastError(), t.attempts(), t.id()));
        }
        return deliveries;
    }

    /** ANAC's text of the code (its code list); PCP's own detail when it says more, or when the code is unknown. */
    private static Error error(PcpError error) {
        String detail = error.dettaglio() == null || error.dettaglio().isBlank() ? null : error.dettaglio().trim();
        String text = AnacErrors.find(error.codice()).orElse(null);
        if (text == null) {
            return new Error(error.codice(), detail == null ? "" : detail);
        }
        return new Error(error.codice(), detail == null || detail.equals(text) ? text : text + " (" + detail + ")");
    }
}
