package it.openesecuzione.transmission;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The PCP services the delivery uses (docs/design/pcp-interfaces.md §3). Each method either
 * returns PCP's answer or throws a {@link PcpException} saying whether to retry.
 */
public interface PcpClient {

    /** crea-scheda: the scheda ({codice, versione, body}) becomes IN_LAV; returns PCP's idScheda. */
    UUID creaScheda(PcpCall call, Map<String, Object> scheda);

    /** conferma-scheda: asynchronous, the outcome comes from {@link #esitiConferma}. */
    void confermaScheda(PcpCall call, UUID idScheda);

    /** esito-operazione for the confirmations of the appalto (SC_CONF, every outcome, newest first). */
    List<PcpOutcome> esitiConferma(PcpCall call);

    /** ricerca-scheda: the schede of a code still IN_LAV in the appalto, created from {@code createdFrom}. */
    List<UUID> schedeInLavorazione(PcpCall call, String codiceScheda, Instant createdFrom);

    /** cancella-scheda: a scheda IN_LAV is deleted (a duplicate left by a lost answer). */
    void cancellaScheda(PcpCall call, UUID idScheda, String motivo);
}
