package it.openesecuzione.execution;

import it.openesecuzione.contracts.Lot;
import it.openesecuzione.contracts.OperatoreEconomico;
import it.openesecuzione.shared.CodiceFiscale;
import it.openesecuzione.shared.Cup;
import java.util.List;
import java.util.UUID;

/**
 * What the eForms notice of an above-threshold modification (M1, M1_40) needs beyond the
 * {@link ContractFacts}: the authority's seat and the contract's particulars.
 *
 * @param citta        the authority's city, null when its seat is not recorded
 * @param codiceNuts   the NUTS 3 code of the seat, null when not recorded
 * @param specialSector whether the contract is in the special sectors (directive 2014/25/EU:
 *                     notice subtype 39 instead of 38)
 */
record NoticeContext(String authorityName, CodiceFiscale authorityCodiceFiscale, String citta, String codiceNuts,
        String email, String oggetto, boolean specialSector, Cup cup, UUID idAppalto, OperatoreEconomico awardee,
        List<Lot> lots) {

    NoticeContext {
        lots = List.copyOf(lots);
    }
}
