package it.openesecuzione.contracts.web;

import it.openesecuzione.contracts.Contract;
import it.openesecuzione.contracts.ContractInput;
import it.openesecuzione.contracts.ContractTerms;
import it.openesecuzione.contracts.Procedura;
import it.openesecuzione.contracts.Settore;
import it.openesecuzione.contracts.StatoContratto;
import it.openesecuzione.contracts.Tipologia;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A contract as the API shows it: the fields of {@link ContractInput} plus identity, state and version. */
record ContractView(
        long id,
        long authorityId,
        StatoContratto stato,
        int version,
        Instant createdAt,
        Instant updatedAt,
        String oggetto,
        Tipologia tipologia,
        Settore settore,
        boolean sopraSoglia,
        boolean concessione,
        Procedura procedura,
        BigDecimal importoBaseGara,
        BigDecimal ribasso,
        BigDecimal importoContrattuale,
        BigDecimal oneriSicurezza,
        int durataGiorni,
        String cup,
        List<ContractInput.LotInput> lotti,
        ContractInput.AwardeeInput aggiudicatario,
        List<ContractInput.RtiMemberInput> rti,
        long rupId,
        Long direttoreId,
        Long collaudatoreId,
        Long delegatoId,
        UUID idAppalto,
        UUID idContratto) {

    static ContractView of(Contract contract) {
        ContractTerms t = contract.terms();
        return new ContractView(contract.id(), contract.authorityId(), contract.stato(), contract.version(),
                contract.createdAt(), contract.updatedAt(), t.oggetto(), t.tipologia(), t.settore(), t.sopraSoglia(),
                t.concessione(), t.procedura(), t.importoBaseGara().amount(), t.ribasso().value().stripTrailingZeros(),
                t.importoContrattuale().amount(), t.oneriSicurezza().amount(), t.durataGiorni(),
                t.cup() == null ? null : t.cup().value(),
                t.lotti().stream().map(l -> new ContractInput.LotInput(l.cig().value(), l.descrizione())).toList(),
                new ContractInput.AwardeeInput(t.aggiudicatario().denominazione(), t.aggiudicatario().codiceFiscale().value(),
                        t.aggiudicatario().partitaIva() == null ? null : t.aggiudicatario().partitaIva().value()),
                t.rti().stream().map(m -> new ContractInput.RtiMemberInput(m.denominazione(), m.codiceFiscale().value(),
                        m.ruolo(), m.quota())).toList(),
                t.rupId(), t.direttoreId(), t.collaudatoreId(), t.delegatoId(), t.idAppalto(), t.idContratto());
    }
}
