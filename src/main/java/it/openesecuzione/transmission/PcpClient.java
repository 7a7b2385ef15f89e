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

    /** How long PCP asked this node to wait before calling again (429, quota used up); zero when it may call. */
    default java.time.Duration pause() {
        return java.time.Duration.ZERO;
    }

    /** crea-scheda: the scheda ({codice, versione, body}) becomes IN_LAV; returns PCP's idScheda. */
    UUID creaScheda(PcpCall call, Map<String, Object> scheda);

    /** modifica-scheda: replaces a scheda still IN_LAV with a corrected one. */
    void modificaScheda(PcpCall call, UUID idScheda, Map<String, Object> scheda);

    /** conferma-scheda: asynchronous, the outcome comes from {@link #esitiConferma}. */
    void confermaScheda(PcpCall call, UUID idScheda);

    /** esito-operazione for the confirmations of the appalto (SC_CONF, every outcome, newest first). */
    List<PcpOutcome> esitiConferma(PcpCall call);

    /** ricerca-scheda: the schede of a code still IN_LAV in the appalto, created from {@code createdFrom}. */
    List<UUID> schedeInLavorazione(PcpCall call, String codiceScheda, Instant createdFrom);

    /** cancella-scheda: a scheda IN_LAV is deleted (a duplicate left by a lost answer). */
    void cancellaScheda(PcpCall call, UUID idScheda, String motivo);

    /** rollback-scheda: asynchronous, with ANAC's motivoAnnullamentoComunicazione code. */
    void rollbackScheda(PcpCall call, UUID idScheda, String motivazione);

    /** esito-operazione for the rollbacks of the appalto (SC_ROLLBACK, every outcome, newest first). */
    List<PcpOutcome> esitiRollback(PcpCall call);

    /** stato-appalto by idContratto: the contract's state as PCP holds it (SOTT, IN_ESEC, CONCL, COLL…). */
    String statoContratto(PcpCall call, UUID idContratto);

    /** ricerca-scheda: every scheda of the appalto on PCP (first pages), newest last. */
    List<PcpScheda> schede(PcpCall call);

    /** consulta-scheda: one scheda as PCP holds it, body included. */
    Map<String, Object> consultaScheda(PcpCall call, UUID idScheda);

    /** A scheda as ricerca-scheda lists it. */
    record PcpScheda(UUID idScheda, String codice, String versione, String stato, String dataCreazione) {
    }
}
