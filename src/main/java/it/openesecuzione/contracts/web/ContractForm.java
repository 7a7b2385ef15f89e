package it.openesecuzione.contracts.web;

import it.openesecuzione.contracts.Contract;
import it.openesecuzione.contracts.ContractInput;
import it.openesecuzione.contracts.ContractTerms;
import it.openesecuzione.contracts.Procedura;
import it.openesecuzione.contracts.RtiMember;
import it.openesecuzione.contracts.Settore;
import it.openesecuzione.contracts.Tipologia;
import it.openesecuzione.shared.FieldViolation;
import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The contract form as the browser submits it: text fields, amounts written the Italian way
 * ("1.234,56"). {@link #toInput(List)} turns it into the API's {@link ContractInput}, adding a
 * violation for every text that is not a number, so both paths share one validation.
 */
public class ContractForm {

    private static final Pattern ITALIAN_THOUSANDS = Pattern.compile("\\d{1,3}(\\.\\d{3})+");

    private String oggetto;
    private Tipologia tipologia;
    private Settore settore = Settore.ORDINARIO;
    private Boolean sopraSoglia = Boolean.FALSE;
    private Boolean concessione = Boolean.FALSE;
    private Procedura procedura;
    private String importoBaseGara;
    private String ribasso;
    private String importoContrattuale;
    private String oneriSicurezza;
    private String durataGiorni;
    private String cup;
    private List<LotRow> lotti = new ArrayList<>(List.of(new LotRow()));
    private String aggiudicatarioDenominazione;
    private String aggiudicatarioCodiceFiscale;
    private String aggiudicatarioPartitaIva;
    private List<RtiRow> rti = new ArrayList<>();
    private Long rupId;
    private Long direttoreId;
    private Long collaudatoreId;
    private Long delegatoId;
    private String idAppalto;
    private String idContratto;
    private int version;

    public static class LotRow {
        private String cig;
        private String descrizione;

        public String getCig() { return cig; }
        public void setCig(String cig) { this.cig = cig; }
        public String getDescrizione() { return descrizione; }
        public void setDescrizione(String descrizione) { this.descrizione = descrizione; }

        boolean blank() {
            return (cig == null || cig.isBlank()) && (descrizione == null || descrizione.isBlank());
        }
    }

    public static class RtiRow {
        private String denominazione;
        private String codiceFiscale;
        private RtiMember.Ruolo ruolo;
        private String quota;

        public String getDenominazione() { return denominazione; }
        public void setDenominazione(String denominazione) { this.denominazione = denominazione; }
        public String getCodiceFiscale() { return codiceFiscale; }
        public void setCodiceFiscale(String codiceFiscale) { this.codiceFiscale = codiceFiscale; }
        public RtiMember.Ruolo getRuolo() { return ruolo; }
        public void setRuolo(RtiMember.Ruolo ruolo) { this.ruolo = ruolo; }
        public String getQuota() { return quota; }
        public void setQuota(String quota) { this.quota = quota; }

        boolean blank() {
            return (denominazione == null || denominazione.isBlank()) && (codiceFiscale == null || codiceFiscale.isBlank())
                    && (quota == null || quota.isBlank());
        }
    }

    static ContractForm of(Contract contract) {
        ContractTerms t = contract.terms();
        ContractForm form = new ContractForm();
        form.oggetto = t.oggetto();
        form.tipologia = t.tipologia();
        form.settore = t.settore();
        form.sopraSoglia = t.sopraSoglia();
        form.concessione = t.concessione();
        form.procedura = t.procedura();
        form.importoBaseGara = italian(t.importoBaseGara().amount());
        form.ribasso = italian(t.ribasso().value().stripTrailingZeros());
        form.importoContrattuale = italian(t.importoContrattuale().amount());
        form.oneriSicurezza = italian(t.oneriSicurezza().amount());
        form.durataGiorni = String.valueOf(t.durataGiorni());
        form.cup = t.cup() == null ? null : t.cup().value();
        form.lotti = new ArrayList<>();
        t.lotti().forEach(lot -> {
            LotRow row = new LotRow();
            row.cig = lot.cig().value();
            row.descrizione = lot.descrizione();
            form.lotti.add(row);
        });
        form.aggiudicatarioDenominazione = t.aggiudicatario().denominazione();
        form.aggiudicatarioCodiceFiscale = t.aggiudicatario().codiceFiscale().value();
        form.aggiudicatarioPartitaIva = t.aggiudicatario().partitaIva() == null ? null : t.aggiudicatario().partitaIva().value();
        form.rti = new ArrayList<>();
        t.rti().forEach(member -> {
            RtiRow row = new RtiRow();
            row.denominazione = member.denominazione();
            row.codiceFiscale = member.codiceFiscale().value();
            row.ruolo = member.ruolo();
            row.quota = italian(member.quota().stripTrailingZeros());
            form.rti.add(row);
        });
        form.rupId = t.rupId();
        form.direttoreId = t.direttoreId();
        form.collaudatoreId = t.collaudatoreId();
        form.delegatoId = t.delegatoId();
        form.idAppalto = t.idAppalto() == null ? null : t.idAppalto().toString();
        form.idContratto = t.idContratto() == null ? null : t.idContratto().toString();
        form.version = contract.version();
        return form;
    }

    /** The API input; numbers that cannot be read are reported in {@code violations} and left null. */
    ContractInput toInput(List<FieldViolation> violations) {
        List<ContractInput.LotInput> lots = lotti.stream().filter(row -> !row.blank())
                .map(row -> new ContractInput.LotInput(row.cig, row.descrizione)).toList();
        List<ContractInput.RtiMemberInput> members = new ArrayList<>();
        for (int i = 0; i < rti.size(); i++) {
            RtiRow row = rti.get(i);
            if (!row.blank()) {
                members.add(new ContractInput.RtiMemberInput(row.denominazione, row.codiceFiscale, row.ruolo,
                        number("rti[" + i + "].quota", row.quota, violations)));
            }
        }
        BigDecimal duration = number("durataGiorni", durataGiorni, violations);
        Integer days = null;
        if (duration != null) {
            try {
                days = duration.intValueExact();
            } catch (ArithmeticException e) {
                violations.add(new FieldViolation("durataGiorni", durataGiorni, "La durata va indicata in giorni interi"));
            }
        }
        return new ContractInput(oggetto, tipologia, settore, sopraSoglia, concessione, procedura,
                number("importoBaseGara", importoBaseGara, violations), number("ribasso", ribasso, violations),
                number("importoContrattuale", importoContrattuale, violations),
                number("oneriSicurezza", oneriSicurezza, violations), days, cup, lots,
                new ContractInput.AwardeeInput(aggiudicatarioDenominazione, aggiudicatarioCodiceFiscale,
                        aggiudicatarioPartitaIva),
                members, rupId, direttoreId, collaudatoreId, delegatoId, uuid("idAppalto", idAppalto, violations),
                uuid("idContratto", idContratto, violations));
    }

    /** Reads "1.234,56", "1234,56" or "1234.56". */
    static BigDecimal number(String field, String text, List<FieldViolation> violations) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String value = text.strip().replace("€", "").replace(" ", "").replace("%", "");
        if (value.contains(",")) {
            value = value.replace(".", "").replace(',', '.');
        } else if (ITALIAN_THOUSANDS.matcher(value).matches()) {
            value = value.replace(".", "");
        }
        try {
            return new BigDecimal(value);
        } catch (NumberFormatException e) {
            violations.add(new FieldViolation(field, text, "\"" + text + "\" non è un numero (esempio: 1.234,56)"));
            return null;
        }
    }

    private static UUID uuid(String field, String text, List<FieldViolation> violations) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(text.strip());
        } catch (IllegalArgumentException e) {
            violations.add(new FieldViolation(field, text, "Identificativo ANAC non valido: atteso un UUID"));
            return null;
        }
    }

    static String italian(BigDecimal value) {
        DecimalFormat format = new DecimalFormat("#,##0.##########", DecimalFormatSymbols.getInstance(Locale.ITALY));
        format.setMinimumFractionDigits(value.scale() > 0 ? Math.min(value.scale(), 2) : 0);
        return format.format(value);
    }

    public String getOggetto() { return oggetto; }
    public void setOggetto(String oggetto) { this.oggetto = oggetto; }
    public Tipologia getTipologia() { return tipologia; }
    public void setTipologia(Tipologia tipologia) { this.tipologia = tipologia; }
    public Settore getSettore() { return settore; }
    public void setSettore(Settore settore) { this.settore = settore; }
    public Boolean getSopraSoglia() { return sopraSoglia; }
    public void setSopraSoglia(Boolean sopraSoglia) { this.sopraSoglia = sopraSoglia; }
    public Boolean getConcessione() { return concessione; }
    public void setConcessione(Boolean concessione) { this.concessione = concessione; }
    public Procedura getProcedura() { return procedura; }
    public void setProcedura(Procedura procedura) { this.procedura = procedura; }
    public String getImportoBaseGara() { return importoBaseGara; }
    public void setImportoBaseGara(String importoBaseGara) { this.importoBaseGara = importoBaseGara; }
    public String getRibasso() { return ribasso; }
    public void setRibasso(String ribasso) { this.ribasso = ribasso; }
    public String getImportoContrattuale() { return importoContrattuale; }
    public void setImportoContrattuale(String importoContrattuale) { this.importoContrattuale = importoContrattuale; }
    public String getOneriSicurezza() { return oneriSicurezza; }
    public void setOneriSicurezza(String oneriSicurezza) { this.oneriSicurezza = oneriSicurezza; }
    public String getDurataGiorni() { return durataGiorni; }
    public void setDurataGiorni(String durataGiorni) { this.durataGiorni = durataGiorni; }
    public String getCup() { return cup; }
    public void setCup(String cup) { this.cup = cup; }
    public List<LotRow> getLotti() { return lotti; }
    public void setLotti(List<LotRow> lotti) { this.lotti = lotti; }
    public String getAggiudicatarioDenominazione() { return aggiudicatarioDenominazione; }
    public void setAggiudicatarioDenominazione(String value) { this.aggiudicatarioDenominazione = value; }
    public String getAggiudicatarioCodiceFiscale() { return aggiudicatarioCodiceFiscale; }
    public void setAggiudicatarioCodiceFiscale(String value) { this.aggiudicatarioCodiceFiscale = value; }
    public String getAggiudicatarioPartitaIva() { return aggiudicatarioPartitaIva; }
    public void setAggiudicatarioPartitaIva(String value) { this.aggiudicatarioPartitaIva = value; }
    public List<RtiRow> getRti() { return rti; }
    public void setRti(List<RtiRow> rti) { this.rti = rti; }
    public Long getRupId() { return rupId; }
    public void setRupId(Long rupId) { this.rupId = rupId; }
    public Long getDirettoreId() { return direttoreId; }
    public void setDirettoreId(Long direttoreId) { this.direttoreId = direttoreId; }
    public Long getCollaudatoreId() { return collaudatoreId; }
    public void setCollaudatoreId(Long collaudatoreId) { this.collaudatoreId = collaudatoreId; }
    public Long getDelegatoId() { return delegatoId; }
    public void setDelegatoId(Long delegatoId) { this.delegatoId = delegatoId; }
    public String getIdAppalto() { return idAppalto; }
    public void setIdAppalto(String idAppalto) { this.idAppalto = idAppalto; }
    public String getIdContratto() { return idContratto; }
    public void setIdContratto(String idContratto) { this.idContratto = idContratto; }
    public int getVersion() { return version; }
    public void setVersion(int version) { this.version = version; }
}
