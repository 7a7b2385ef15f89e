package it.openesecuzione.transmission;

import it.openesecuzione.identity.StazioneAppaltante;
import it.openesecuzione.identity.UserDirectory;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads the outbox for the status page and the schede of a contract, within the user's scope. */
@Service
public class TransmissionStatus {

    private final Transmissions transmissions;
    private final UserDirectory directory;

    TransmissionStatus(Transmissions transmissions, UserDirectory directory) {
        this.transmissions = transmissions;
        this.directory = directory;
    }

    @Transactional(readOnly = true)
    public QueueStatus status() {
        Map<Long, long[]> counts = new LinkedHashMap<>();
        Map<Long, Instant> oldest = new LinkedHashMap<>();
        for (Transmissions.QueueCount count : transmissions.counts()) {
            long[] row = counts.computeIfAbsent(count.authorityId(), id -> new long[4]);
            int column = switch (count.state()) {
                case IN_CODA -> 0;
                case CREATA, IN_CONFERMA, IN_ANNULLAMENTO -> 1;
                case CONFERMATA, ANNULLATA -> 2;
                case RIFIUTATA -> 3;
            };
            row[column] += count.count();
            if (count.state().pending()) {
                oldest.merge(count.authorityId(), count.oldest(), (a, b) -> a.isBefore(b) ? a : b);
            }
        }
        List<QueueStatus.AuthorityQueue> authorities = counts.entrySet().stream().map(e -> new QueueStatus.AuthorityQueue(e.getKey(),
                directory.find(e.getKey()).map(StazioneAppaltante::denominazione).orElse("Ente " + e.getKey()),
                e.getValue()[0], e.getValue()[1], e.getValue()[2], e.getValue()[3], oldest.get(e.getKey()))).toList();
        List<QueueStatus.Problem> problems = transmissions.latestProblems(50).stream().map(t -> new QueueStatus.Problem(t.id(),
                t.contractId(), t.seq(), t.code(), t.state().name(), t.lastError(), t.errori(), t.attempts(), t.updatedAt())).toList();
        return new QueueStatus(authorities, problems);
    }

    /** The delivery of each scheda of a contract, by the number of its event. */
    @Transactional(readOnly = true)
    public List<Transmission> forContract(long contractId) {
        return transmissions.forContract(contractId);
    }

    @Transactional(readOnly = true)
    public java.util.Optional<Transmission> find(long id) {
        return transmissions.find(id);
    }
}
