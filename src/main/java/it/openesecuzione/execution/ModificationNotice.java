package it.openesecuzione.execution;

import it.openesecuzione.contracts.Tipologia;
import it.openesecuzione.shared.Cig;
import it.openesecuzione.shared.CodiceFiscale;
import it.openesecuzione.shared.Cup;
import it.openesecuzione.shared.InvalidValueException;
import it.openesecuzione.shared.InvalidValueException.Gender;
import it.openesecuzione.shared.Money;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * What the EU eForms "Contract modification notice" says about one modification of a contract above
 * the EU thresholds: ANAC's PCP wants it, Base64-encoded, in {@code body.eform} of the M1 scheda
 * (notice subtypes 38 and 39) and of the M1_40 scheda (subtype 40). {@link ModificationNoticeWriter}
 * turns it into the XML.
 *
 * <p>Every field is checked here, so that a notice TED would refuse for a missing name or a
 * negative value cannot be built; messages are in Italian because they reach the RUP.
 *
 * @param subtype          eForms notice subtype: 38 (direttiva 2014/24/UE, settori ordinari), 39
 *                         (2014/25/UE, settori speciali), 40 (2014/23/UE, concessioni)
 * @param noticeId         BT-701, the notice's own identifier: generated once by the caller and kept,
 *                         so that sending the same notice again gives the same identifier
 * @param authority        the stazione appaltante (the eForms buyer)
 * @param contract         the contract being modified, as it stands after the modification
 * @param modification     the modification: reason, description, new value, extra days
 * @param reviewBody       optional: the body that hears appeals (for Italy the competent TAR). The
 *                         platform does not record it; every TED example names one (OPT-301-Lot-ReviewOrg)
 * @param previousNoticeId optional: BT-1501(n), the notice that published the contract being
 *                         modified, either as its eForms identifier with version
 *                         ({@code 5f8d…-01}, scheme notice-id-ref) or as its TED publication number
 *                         ({@code 123456-2025}, scheme ojs-notice-id). The platform does not know it:
 *                         PCP sent that notice to TED with the award-phase scheda
 * @param changedSectionId optional: BT-1501(s), the identifier of the section of that notice that
 *                         changes (e.g. {@code CON-0001}, {@code RES-0001}); only with previousNoticeId
 */
public record ModificationNotice(
        int subtype,
        UUID noticeId,
        ContractingAuthority authority,
        Contract contract,
        Modification modification,
        ReviewBody reviewBody,
        String previousNoticeId,
        String changedSectionId) {

    /** The notice language: PCP publishes Italian notices. */
    public static final String LANGUAGE = "ITA";
    /** ISO 3166-1 alpha-3, the form eForms uses for countries. */
    public static final String ITALY = "ITA";

    private static final Set<Integer> SUBTYPES = Set.of(38, 39, 40);
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{3}");
    /** Two letters of the country, then one to three characters for the NUTS level (ITC33 = Genova). */
    private static final Pattern NUTS = Pattern.compile("[A-Z]{2}[A-Z0-9]{1,3}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    /** eForms' own lot identifiers (BT-137): LOT- and four digits. */
    private static final Pattern LOT_ID = Pattern.compile("LOT-\\d{4}");
    /** CPV main code without its check digit, as in the TED examples (45000000 = lavori di costruzione). */
    private static final Pattern CPV = Pattern.compile("\\d{8}");
    private static final Pattern NOTICE_ID_REF = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}-\\d{2}");
    private static final Pattern OJS_NOTICE_ID = Pattern.compile("\\d{1,8}-\\d{4}");
    private static final Pattern SECTION_ID = Pattern.compile("[A-Z]{3}-\\d{4}|[A-Z]+");

    public ModificationNotice {
        if (!SUBTYPES.contains(subtype)) {
            throw new InvalidValueException("sottotipo di avviso eForms", String.valueOf(subtype),
                    "ammessi 38 (direttiva 2014/24/UE), 39 (direttiva 2014/25/UE) e 40 (concessioni, direttiva 2014/23/UE)");
        }
        required(noticeId, "identificativo dell'avviso", Gender.MASCULINE);
        required(authority, "stazione appaltante", Gender.FEMININE);
        required(contract, "contratto", Gender.MASCULINE);
        required(modification, "modifica contrattuale", Gender.FEMININE);
        previousNoticeId = optionalText(previousNoticeId);
        if (previousNoticeId != null && previousNoticeScheme(previousNoticeId) == null) {
            throw new InvalidValueException("identificativo dell'avviso precedente", previousNoticeId,
                    "atteso l'identificativo eForms con versione (es. 5f8d2a1e-…-01) o il numero di pubblicazione TED"
                            + " (es. 123456-2025)");
        }
        changedSectionId = optionalText(changedSectionId);
        if (changedSectionId != null) {
            if (previousNoticeId == null) {
                throw new InvalidValueException("sezione modificata", Gender.FEMININE, changedSectionId,
                        "indicarla solo insieme all'identificativo dell'avviso precedente");
            }
            if (!SECTION_ID.matcher(changedSectionId).matches()) {
                throw new InvalidValueException("sezione modificata", Gender.FEMININE, changedSectionId,
                        "atteso un identificativo eForms come CON-0001 o RES-0001");
            }
        }
    }

    /** BT-01, the legal basis: the directive the subtype stands for, as its CELEX number. */
    public String regulatoryDomain() {
        return switch (subtype) {
            case 38 -> "32014L0024";
            case 39 -> "32014L0025";
            default -> "32014L0023";
        };
    }

    /** The scheme of BT-1501(n) that fits {@code identifier}, or null if none does. */
    static String previousNoticeScheme(String identifier) {
        if (NOTICE_ID_REF.matcher(identifier).matches()) {
            return "notice-id-ref";
        }
        if (OJS_NOTICE_ID.matcher(identifier).matches()) {
            return "ojs-notice-id";
        }
        return null;
    }

    /**
     * The stazione appaltante, the eForms buyer (organisation ORG-0001).
     *
     * @param denominazione BT-500, the official name
     * @param codiceFiscale BT-501, the organisation identifier: the codice fiscale of the
     *                      amministrazione, as in the AUSA registry
     * @param citta         BT-513, the city (e.g. Genova)
     * @param nuts          BT-507, the NUTS 3 code of the seat (e.g. ITC33 for Genova)
     * @param paese         BT-514, the country in ISO alpha-3 ({@link #ITALY})
     * @param email         BT-506, optional: the contact e-mail of the buyer
     */
    public record ContractingAuthority(String denominazione, CodiceFiscale codiceFiscale, String citta, String nuts,
            String paese, String email) {

        public ContractingAuthority {
            denominazione = requiredText(denominazione, "denominazione della stazione appaltante", Gender.FEMININE);
            required(codiceFiscale, "codice fiscale della stazione appaltante", Gender.MASCULINE);
            citta = requiredText(citta, "città della stazione appaltante", Gender.FEMININE);
            nuts = nutsCode(nuts, "codice NUTS della stazione appaltante");
            paese = countryCode(paese, "paese della stazione appaltante");
            email = emailAddress(email, "e-mail della stazione appaltante");
        }
    }

    /**
     * The awardee (aggiudicatario), the winner in eForms (organisation ORG-0002). For an RTI, the
     * mandataria, as the platform records it.
     *
     * @param denominazione BT-500, the name
     * @param codiceFiscale BT-501: codice fiscale, which for a firm is usually its partita IVA
     * @param citta         BT-513, optional: the platform does not record the awardee's address
     * @param paese         BT-514, the country in ISO alpha-3 ({@link #ITALY})
     */
    public record Awardee(String denominazione, CodiceFiscale codiceFiscale, String citta, String paese) {

        public Awardee {
            denominazione = requiredText(denominazione, "denominazione dell'aggiudicatario", Gender.FEMININE);
            required(codiceFiscale, "codice fiscale dell'aggiudicatario", Gender.MASCULINE);
            citta = optionalText(citta);
            paese = countryCode(paese, "paese dell'aggiudicatario");
        }
    }

    /**
     * The body that hears appeals (organisation ORG-0003), e.g. "Tribunale Amministrativo Regionale per
     * la Liguria", Genova.
     *
     * @param codiceFiscale BT-501: every organisation of the TED examples has an identifier, so this one
     *                      is asked for too
     * @param email         optional contact e-mail
     */
    public record ReviewBody(String denominazione, CodiceFiscale codiceFiscale, String citta, String paese,
            String email) {

        public ReviewBody {
            denominazione = requiredText(denominazione, "denominazione dell'organo di ricorso", Gender.FEMININE);
            required(codiceFiscale, "codice fiscale dell'organo di ricorso", Gender.MASCULINE);
            citta = requiredText(citta, "città dell'organo di ricorso", Gender.FEMININE);
            paese = countryCode(paese, "paese dell'organo di ricorso");
            email = emailAddress(email, "e-mail dell'organo di ricorso");
        }
    }

    /**
     * A lot of the contract.
     *
     * @param cig           the CIG, written as the lot's internal identifier (BT-22-Lot)
     * @param descrizione   optional: the lot's description; the contract's oggetto when absent
     * @param lotIdentifier optional: BT-137, eForms' identifier of the lot ({@code LOT-0001}), as in the
     *                      notices PCP published for the procedure. When absent, lots are numbered
     *                      LOT-0001, LOT-0002 … in the order given. It cannot be the CIG: TED accepts
     *                      only LOT- and four digits here
     */
    public record Lot(Cig cig, String descrizione, String lotIdentifier) {

        public Lot {
            required(cig, "CIG del lotto", Gender.MASCULINE);
            descrizione = optionalText(descrizione);
            lotIdentifier = optionalText(lotIdentifier);
            if (lotIdentifier != null && !LOT_ID.matcher(lotIdentifier).matches()) {
                throw new InvalidValueException("identificativo eForms del lotto", lotIdentifier,
                        "atteso LOT- seguito da quattro cifre (es. LOT-0001)");
            }
        }

        /** A lot known only by its CIG. */
        public static Lot of(Cig cig) {
            return new Lot(cig, null, null);
        }
    }

    /**
     * The contract being modified.
     *
     * @param oggetto      BT-21 and BT-24, the title of procedure and contract
     * @param tipologia    BT-23, the main nature: works, services or supplies
     * @param lots         the lots (CIGs) the contract covers, at least one
     * @param cup          optional: the CUP, written as the procedure's internal identifier (BT-22);
     *                     eForms has no field of its own for it
     * @param cpv          optional: BT-262, the main CPV code (8 digits). The platform does not record
     *                     it; every TED example carries one
     * @param idAppalto    BT-04, the procedure identifier: ANAC's idAppalto, a UUID as eForms wants
     * @param idContratto  BT-150, the contract identifier: ANAC's idContratto (response to SC1)
     * @param awardee      the aggiudicatario
     * @param signedOn     BT-145, the date the contract was concluded (dataStipula)
     * @param awardedOn    optional: BT-1451, the date of the aggiudicazione
     * @param durataGiorni the contract duration in days before this modification
     */
    public record Contract(String oggetto, Tipologia tipologia, List<Lot> lots, Cup cup, String cpv, UUID idAppalto,
            UUID idContratto, Awardee awardee, LocalDate signedOn, LocalDate awardedOn, int durataGiorni) {

        public Contract {
            oggetto = requiredText(oggetto, "oggetto del contratto", Gender.MASCULINE);
            required(tipologia, "tipologia del contratto", Gender.FEMININE);
            required(lots, "elenco dei lotti", Gender.MASCULINE);
            if (lots.isEmpty()) {
                throw new InvalidValueException("elenco dei lotti", null, "indicare almeno un lotto (CIG)");
            }
            lots = List.copyOf(lots);
            Set<Cig> cigs = new HashSet<>();
            Set<String> lotIds = new HashSet<>();
            for (Lot lot : lots) {
                if (!cigs.add(lot.cig())) {
                    throw new InvalidValueException("CIG del lotto", lot.cig().value(), "compare più di una volta");
                }
                if (lot.lotIdentifier() != null && !lotIds.add(lot.lotIdentifier())) {
                    throw new InvalidValueException("identificativo eForms del lotto", lot.lotIdentifier(),
                            "compare più di una volta");
                }
            }
            cpv = optionalText(cpv);
            if (cpv != null && !CPV.matcher(cpv).matches()) {
                throw new InvalidValueException("codice CPV", cpv, "attese otto cifre (es. 45233141)");
            }
            required(idAppalto, "idAppalto", Gender.MASCULINE);
            required(idContratto, "idContratto", Gender.MASCULINE);
            required(awardee, "aggiudicatario", Gender.MASCULINE);
            required(signedOn, "data di stipula", Gender.FEMININE);
            if (awardedOn != null && awardedOn.isAfter(signedOn)) {
                throw new InvalidValueException("data di aggiudicazione", Gender.FEMININE, awardedOn.toString(),
                        "è successiva alla data di stipula " + signedOn);
            }
            if (durataGiorni <= 0) {
                throw new InvalidValueException("durata del contratto", Gender.FEMININE, String.valueOf(durataGiorni),
                        "deve essere di almeno un giorno");
            }
        }

        /** BT-137 of each lot: the one given, else LOT- and its 1-based position. */
        public String lotIdentifier(int index) {
            String given = lots.get(index).lotIdentifier();
            return given != null ? given : "LOT-%04d".formatted(index + 1);
        }
    }

    /**
     * The modification.
     *
     * @param reasonCode  BT-200, the code of ANAC's motiviModifica list, which is eForms'
     *                    modification-justification list (add-wss, mod-cir, mod-minv, mod-nons,
     *                    mod-repl, mod-rev)
     * @param cause       BT-201, why the contract is modified (ANAC's causaModifica)
     * @param description BT-202, what changes
     * @param newValue    the contract value after the modification, in euro (BT-161 and BT-720)
     * @param extraDays   the days the modification adds to the contract term, 0 if none
     */
    public record Modification(String reasonCode, String cause, String description, Money newValue, int extraDays) {

        public Modification {
            reasonCode = requiredText(reasonCode, "motivo della modifica", Gender.MASCULINE);
            if (!CodeLists.MOTIVI_MODIFICA.containsKey(reasonCode)) {
                throw new InvalidValueException("motivo della modifica", reasonCode,
                        "ammessi i codici della lista motiviModifica: " + String.join(", ", CodeLists.MOTIVI_MODIFICA.keySet()));
            }
            cause = requiredText(cause, "causa della modifica", Gender.FEMININE);
            description = requiredText(description, "descrizione della modifica", Gender.FEMININE);
            required(newValue, "nuovo valore del contratto", Gender.MASCULINE);
            if (newValue.isNegative() || newValue.isZero()) {
                throw new InvalidValueException("nuovo valore del contratto", newValue.toString(),
                        "deve essere maggiore di zero");
            }
            if (extraDays < 0) {
                throw new InvalidValueException("giorni aggiuntivi", String.valueOf(extraDays),
                        "non possono essere negativi (indicare 0 se la modifica non proroga il termine)");
            }
        }
    }

    private static void required(Object value, String kind, Gender gender) {
        if (value == null) {
            throw new InvalidValueException(kind, gender, null, "il valore è obbligatorio");
        }
    }

    private static String requiredText(String value, String kind, Gender gender) {
        required(value, kind, gender);
        String trimmed = value.trim();
        if (trimmed.isEmpty()) {
            throw new InvalidValueException(kind, gender, value, "il valore è vuoto");
        }
        return trimmed;
    }

    /** Blank optional text counts as absent, so that an empty form field does not reach TED. */
    private static String optionalText(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static String nutsCode(String value, String kind) {
        String code = requiredText(value, kind, Gender.MASCULINE);
        if (!NUTS.matcher(code).matches()) {
            throw new InvalidValueException(kind, value, "atteso un codice NUTS come ITC33 (due lettere del paese e da"
                    + " uno a tre caratteri)");
        }
        return code;
    }

    private static String countryCode(String value, String kind) {
        String code = requiredText(value, kind, Gender.MASCULINE);
        if (!COUNTRY.matcher(code).matches()) {
            throw new InvalidValueException(kind, value, "atteso il codice ISO 3166 di tre lettere maiuscole (es. ITA)");
        }
        return code;
    }

    private static String emailAddress(String value, String kind) {
        String address = optionalText(value);
        if (address != null && !EMAIL.matcher(address).matches()) {
            throw new InvalidValueException(kind, Gender.FEMININE, value, "atteso un indirizzo come ufficio@comune.it");
        }
        return address;
    }
}
