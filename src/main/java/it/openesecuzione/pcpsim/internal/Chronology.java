package it.openesecuzione.pcpsim.internal;

import java.util.Optional;
import java.util.Set;

/**
 * ANAC's orchestrator rules for the schede the simulator receives: which scheda may follow which
 * (ERR2), which are annullable by rollback, the contract and lot states a confirmation sets, the
 * schede a scheda must refer to. Read from ANAC's sheet ({@link SheetChronology}) or, without it,
 * from the platform's own copy ({@link FallbackChronology}).
 */
public interface Chronology {

    /** Where the rules come from, for the status and the log. */
    String source();

    /** Whether the simulator accepts schede of this code at all (ERR3 otherwise). */
    boolean knows(String code);

    /**
     * Whether {@code next} may follow {@code previous}, the last confirmed scheda at the same level
     * (contract, or appalto for schede of no contract); {@code previous} null: nothing confirmed
     * yet, and the award scheda, which the simulator does not see, is assumed.
     */
    boolean admits(String previous, String next);

    /** The schede that may follow {@code previous} (null: the first ones), for the error detail. */
    Set<String> admittedAfter(String previous);

    /** {@code schedaAnnullabile}: whether a confirmed scheda of this code may be rolled back. */
    boolean annullable(String code);

    /** {@code nuovoStatoContratto}: the contract state after the confirmation (SOTT, IN_ESEC, CONCL, COLL). */
    Optional<String> contractState(String code);

    /** {@code nuovoStatoLotto}: the lot state after the confirmation (SC1: SOTT_CONTR). */
    Optional<String> lotState(String code);

    /** {@code codiciSchedeCorrelate}: the codes of the scheda named by the anacForm's {@code idScheda}. */
    Set<String> correlated(String code);

    /** Whether the confirmation publishes a notice (TED or national publicity), so an {@code idAvviso} is assigned. */
    boolean publishes(String code);
}
