package it.openesecuzione.documents;

import it.openesecuzione.contracts.Contract;
import it.openesecuzione.contracts.ContractTerms;
import it.openesecuzione.contracts.Lot;
import it.openesecuzione.contracts.RtiMember;
import it.openesecuzione.contracts.Tipologia;
import it.openesecuzione.identity.StazioneAppaltante;
import java.util.List;

/**
 * What every document states about whom and what it concerns: the authority (on every page), the
 * contract, the contractor and the people who sign.
 *
 * @param lots       "CIG – description" of each lot
 * @param contractor the awardee, with its codice fiscale and partita IVA
 * @param rti        the members of the grouping, if the awardee is an RTI
 * @param rup        the RUP's name, empty when unknown
 * @param director   the works director's (or DEC's) name, empty when none is appointed
 */
record DocumentHeader(long contractId, String authority, String authorityFiscalCode, String ausa, String authorityCity,
        String authorityEmail, String subject, Tipologia tipologia, List<String> cigs, List<String> lots, String cup,
        String contractor, String contractorCodes, List<String> rti, String contractAmount, String safetyCosts,
        String discount, int durationDays, String rup, String director) {

    DocumentHeader {
        cigs = List.copyOf(cigs);
        lots = List.copyOf(lots);
        rti = List.copyOf(rti);
        rup = rup == null ? "" : rup;
        director = director == null ? "" : director;
    }

    static DocumentHeader of(StazioneAppaltante authority, Contract contract, String rup, String director) {
        ContractTerms terms = contract.terms();
        List<String> cigs = terms.lotti().stream().map(lot -> lot.cig().value()).toList();
        List<String> lots = terms.lotti().stream().map(DocumentHeader::lot).toList();
        String codes = "C.F. " + terms.aggiudicatario().codiceFiscale().value()
                + (terms.aggiudicatario().partitaIva() == null
                        || terms.aggiudicatario().partitaIva().value().equals(terms.aggiudicatario().codiceFiscale().value())
                        ? "" : " – P. IVA " + terms.aggiudicatario().partitaIva().value());
        List<String> rti = terms.rti().stream().map(DocumentHeader::member).toList();
        return new DocumentHeader(contract.id(), authority.denominazione(), authority.codiceFiscale().value(),
                authority.codiceAusa(), authority.citta(), authority.email(), terms.oggetto(), terms.tipologia(), cigs, lots,
                terms.cup() == null ? "" : terms.cup().value(), terms.aggiudicatario().denominazione(), codes, rti,
                terms.importoContrattuale().formatIt(), terms.oneriSicurezza().formatIt(), terms.ribasso().formatIt(),
                terms.durataGiorni(), rup, director);
    }

    private static String lot(Lot lot) {
        return lot.descrizione() == null || lot.descrizione().isBlank() ? lot.cig().value()
                : lot.cig().value() + " – " + lot.descrizione();
    }

    private static String member(RtiMember member) {
        return member.denominazione() + " (" + (member.ruolo() == RtiMember.Ruolo.MANDATARIA ? "mandataria" : "mandante")
                + ", C.F. " + member.codiceFiscale().value() + ", quota " + Formats.IT.percent(member.quota()) + ")";
    }

    public boolean works() {
        return tipologia == Tipologia.LAVORI;
    }

    /** "Il Direttore dei lavori" or, for services and supplies, "Il Direttore dell'esecuzione". */
    public String directorTitle() {
        return works() ? "Il Direttore dei lavori" : "Il Direttore dell'esecuzione";
    }

    /** The CIGs, comma-separated, for the footer. */
    public String cigList() {
        return String.join(", ", cigs);
    }

    /** The authority's identifiers on one line: "C.F. 00856930102 – Codice AUSA 0000123456". */
    public String authorityCodes() {
        return "C.F. " + authorityFiscalCode + " – Codice AUSA " + ausa;
    }

    /** Seat and e-mail when recorded: "Genova – appalti@comune.genova.it". */
    public String authoritySeat() {
        StringBuilder seat = new StringBuilder();
        if (authorityCity != null) {
            seat.append(authorityCity);
        }
        if (authorityEmail != null) {
            seat.append(seat.isEmpty() ? "" : " – ").append(authorityEmail);
        }
        return seat.toString();
    }
}
