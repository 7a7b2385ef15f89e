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
                    t.errori().stream().map(e -> new Error(e.codice(), e.dettaglio() != null && !e.dettaglio().isBlank()
                            ? e.dettaglio() : AnacErrors.find(e.codice()).orElse(""))).toList(),
                    t.lastError(), t.attempts(), t.id()));
        }
        return deliveries;
    }
}
