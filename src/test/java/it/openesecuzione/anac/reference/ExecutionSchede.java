package it.openesecuzione.anac.reference;

import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Hand-written schede of the execution phase, valid against ANAC's models and rules, for the
 * tests of this package and as worked examples for whoever builds the platform's scheda builders.
 * One contract (works, Comune di Genova) goes through all of them.
 *
 * <p>{@link #valid(String)} gives a fresh copy; {@link #with}, {@link #without} derive invalid
 * variants.
 */
public final class ExecutionSchede {

    /** The execution schede of functional area A_5 that the platform must produce. */
    public static final List<String> CODES = List.of(
            "SC1", "I1", "SA1", "SO1", "SQ1", "RI1", "M1", "M2", "M1_40", "M2_40",
            "RSU1", "ES1", "CS1", "AC1", "IR1", "CO1", "CO2", "CL1", "S4");

    public static final String ID_CONTRATTO = "3f2c1a9e-5b7d-4c8e-9a1f-2d3e4f5a6b7c";
    public static final String ID_PARTECIPANTE = "b62390a8-70f1-4740-adb3-6a416150b777";
    public static final String ID_SCHEDA_SO1 = "9d7b0c3e-1f2a-4b5c-8d6e-7f8091a2b3c4";
    public static final String ID_SCHEDA_RSU1 = "5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9";
    public static final String ID_SCHEDA_ES1 = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
    public static final String ID_OE_SUBAPPALTATORE = "7c8d9e0f-1a2b-4c3d-9e4f-5a6b7c8d9e0f";
    /** {@code <?xml version="1.0"?>} in Base64: a stand-in for the eForm/ESPD XML the schema only types as string. */
    public static final String BASE64_XML = "PD94bWwgdmVyc2lvbj0iMS4wIj8+";

    private static final Map<String, String> ANAC_FORMS = Map.ofEntries(
            Map.entry("SC1", """
                    {"datiContratto": {
                      "codiceAusa": ["0000204751"],
                      "idPartecipante": "%s",
                      "cig": ["B00012EADB"],
                      "dataStipula": "2025-03-10T00:00:00Z",
                      "dataEsecutivita": "2025-03-12T00:00:00Z",
                      "dataDecorrenza": "2025-03-15T00:00:00Z",
                      "dataScadenza": "2026-03-14T00:00:00Z",
                      "importoCauzione": 12500.00}}
                    """.formatted(ID_PARTECIPANTE)),
            Map.entry("I1", """
                    {"idContratto": "%s",
                     "datiInizio": {
                      "dataDisposizioneInizio": "2025-03-20T00:00:00Z",
                      "dataApprovazione": "2025-03-25T00:00:00Z",
                      "consegnaFrazionata": false,
                      "avvioPerFasi": false,
                      "dataVerbaleConsegnaDefinitiva": "2025-04-01T00:00:00Z",
                      "consegnaSottoRiserva": false,
                      "dataEffettivoInizio": "2025-04-01T00:00:00Z",
                      "dataFinePrevista": "2026-03-27T00:00:00Z"}}
                    """.formatted(ID_CONTRATTO)),
            Map.entry("SA1", """
                    {"idContratto": "%s",
                     "avanzamento": {
                      "denominazioneAvanzamento": "SAL n. 1",
                      "modalitaPagamento": {"idTipologica": "modalitaPagamento", "codice": "1"},
                      "impAnticipazione": 50000.00,
                      "dataCertificatoAnticipazione": "2025-04-10T00:00:00Z",
                      "dataAvanzamento": "2025-06-30T00:00:00Z",
                      "impSal": 120000.50,
                      "dataCertificatoMandatoPagamento": "2025-07-05T00:00:00Z",
                      "impCertificatoMandatoPagamento": 119399.25,
                      "avanzamento": {"idTipologica": "avanzamento", "codice": "11"},
                      "numGiorniScostamento": 12,
                      "numGiorniProroga": 0}}
                    """.formatted(ID_CONTRATTO)),
            Map.entry("SO1", """
                    {"idContratto": "%s",
                     "sospensione": {
                      "sospensioneParziale": false,
                      "dataVerbaleSospensione": "2025-09-01T00:00:00Z",
                      "motivoSospensione": {"idTipologica": "motivoSospensione", "codice": "6"}}}
                    """.formatted(ID_CONTRATTO)),
            Map.entry("SQ1", """
                    {"idScheda": "%s",
                     "sospensione": {"dataSuperamento": "2025-12-01T00:00:00Z"}}
                    """.formatted(ID_SCHEDA_SO1)),
            Map.entry("RI1", """
                    {"idScheda": "%s",
                     "sospensione": {
                      "dataVerbaleRipresa": "2025-12-15T00:00:00Z",
                      "superatoTempo": true,
                      "riserve": false,
                      "verbaleNonSottoscritto": false}}
                    """.formatted(ID_SCHEDA_SO1)),
            Map.entry("M1", """
                    {"idContratto": "%s",
                     "modificaContrattuale": {
                      "dataApprovazione": "2025-10-01T00:00:00Z",
                      "urlDocumentazione": "https://trasparenza.comune.genova.it/varianti/2025-001",
                      "quadroEconomicoStandardRideterminato": {
                        "impLavori": 1150000.00, "impServizi": 0, "impForniture": 0,
                        "impTotaleSicurezza": 35000.00, "sommeADisposizione": 180000.00,
                        "numGiorniProroga": 45}}}
                    """.formatted(ID_CONTRATTO)),
            Map.entry("M2", """
                    {"idContratto": "%s",
                     "modificaContrattuale": {
                      "dataApprovazione": "2025-10-01T00:00:00Z",
                      "urlDocumentazione": "https://trasparenza.comune.genova.it/varianti/2025-001",
                      "quadroEconomicoStandardRideterminato": {
                        "impLavori": 450000.00, "impServizi": 0, "impForniture": 0,
                        "impTotaleSicurezza": 12000.00, "numGiorniProroga": 30},
                      "datiBaseModificaContrattuale": {
                        "dataSottoscrizione": "2025-10-05T00:00:00Z",
                        "motiviModifica": {"idTipologica": "motiviModifica", "codice": "mod-cir"},
                        "causaModifica": "Rinvenimento di sottoservizi non censiti"}}}
                    """.formatted(ID_CONTRATTO)),
            Map.entry("M1_40", """
                    {"idContratto": "%s",
                     "modificaContrattuale": {
                      "dataApprovazione": "2025-10-01T00:00:00Z",
                      "quadroEconomicoConcessioniRideterminato": {
                        "impLavori": 8200000.00, "impServizi": 1500000.00,
                        "finanziamentiCanoniPA": 2000000.00, "entrateUtenza": 9000000.00}}}
                    """.formatted(ID_CONTRATTO)),
            Map.entry("M2_40", """
                    {"idContratto": "%s",
                     "modificaContrattuale": {
                      "dataApprovazione": "2025-10-01T00:00:00Z",
                      "motivoRevisionePrezzi": {"idTipologica": "motivoRevisionePrezzi", "codice": "2"},
                      "quadroEconomicoConcessioniRideterminato": {"impServizi": 950000.00},
                      "datiBaseModificaContrattuale": {
                        "motiviModifica": {"idTipologica": "motiviModifica", "codice": "mod-rev"},
                        "causaModifica": "Revisione prezzi ai sensi dell'art. 60"}}}
                    """.formatted(ID_CONTRATTO)),
            Map.entry("RSU1", """
                    {"idContratto": "%s",
                     "subappalto": {
                      "operatoreEconomicoSubappaltatore": {
                        "idOE": "%s",
                        "elencoSoggetti": [{
                          "codiceFiscale": "01234567897",
                          "denominazione": "Scavi Liguri srl",
                          "ruoloOE": {"idTipologica": "ruoloOE", "codice": "14"},
                          "tipoOE": {"idTipologica": "tipoOE", "codice": "1"},
                          "operatoreEstero": false}]},
                      "conferenteSubappalto": {"idAggiudicatario": "%s"},
                      "oggetto": "Scavi e movimenti terra",
                      "importoPresunto": 80000.00,
                      "categoria": {"idTipologica": "categoria", "codice": "OG 1"},
                      "cpv": [{"idTipologica": "CPV", "codice": "45112000"}]}}
                    """.formatted(ID_CONTRATTO, ID_OE_SUBAPPALTATORE, ID_PARTECIPANTE)),
            Map.entry("ES1", """
                    {"idScheda": "%s",
                     "subappalto": {"dataAutorizzazione": "2025-06-20T00:00:00Z"}}
                    """.formatted(ID_SCHEDA_RSU1)),
            Map.entry("CS1", """
                    {"idScheda": "%s",
                     "subappalto": {"importoEffettivo": 78500.00, "dataUltimazione": "2025-11-30T00:00:00Z"}}
                    """.formatted(ID_SCHEDA_ES1)),
            Map.entry("AC1", """
                    {"idContratto": "%s",
                     "accordoBonario": {"dataAccordo": "2026-01-20T00:00:00Z", "oneriDerivanti": 15000.00, "numeroRiserve": 3}}
                    """.formatted(ID_CONTRATTO)),
            Map.entry("IR1", """
                    {"idContratto": "%s",
                     "ritardo": {
                      "dataTermine": "2025-04-14T00:00:00Z",
                      "tipoComunicazione": {"idTipologica": "tipoComunicazione", "codice": "R"},
                      "motivoSospensione": "Ritardo nella consegna dei lavori",
                      "dataIstanzaRecesso": "2025-05-02T00:00:00Z",
                      "istanzaAccolta": false,
                      "istanzaTardiva": true,
                      "istanzaRipresa": false,
                      "istanzaRiserva": false,
                      "impSpese": 0}}
                    """.formatted(ID_CONTRATTO)),
            Map.entry("CO1", """
                    {"idContratto": "%s",
                     "conclusione": {
                      "dataUltimazione": "2026-03-20T00:00:00Z",
                      "numeroInfortuni": 1,
                      "diCuiPostumiPermanenti": 0,
                      "diCuiMortali": 0}}
                    """.formatted(ID_CONTRATTO)),
            Map.entry("CO2", """
                    {"cig": "Z3426AA477",
                     "conclusione": {"dataInizio": "2025-02-03T00:00:00Z", "dataUltimazione": "2025-02-28T00:00:00Z", "importo": 3800.00}}
                    """),
            Map.entry("CL1", """
                    {"idContratto": "%s",
                     "collaudo": {
                      "modoCollaudo": {"idTipologica": "modoCollaudo", "codice": "1"},
                      "dataNomina": "2026-04-01T00:00:00Z",
                      "dataInizio": "2026-04-15T00:00:00Z",
                      "dataRedazioneCertificato": "2026-06-30T00:00:00Z",
                      "dataDeliberaAmmissibilita": "2026-07-10T00:00:00Z",
                      "esito": "POSITIVO",
                      "quadroEconomicoStandard": {"impLavori": 1148000.00, "impTotaleSicurezza": 35000.00, "sommeADisposizione": 175000.00},
                      "numeroTotaleRiserve": 3,
                      "oneri": 15000.00}}
                    """.formatted(ID_CONTRATTO)),
            Map.entry("S4", """
                    {"cig": "B00012EADB",
                     "partecipante": {
                      "codiceFiscale": "01234567897",
                      "denominazione": "Costruzioni Riunite spa",
                      "ruoloOE": {"idTipologica": "ruoloOE", "codice": "14"},
                      "tipoOE": {"idTipologica": "tipoOE", "codice": "1"},
                      "idPartecipante": "%s",
                      "paeseOperatoreEconomico": "IT",
                      "avvalimento": false},
                     "motivoVariazione": {"idTipologica": "motivoVariazione", "codice": "2"}}
                    """.formatted(ID_PARTECIPANTE)));

    private ExecutionSchede() {
    }

    /** A fresh, valid scheda of this code: {@code {"codice", "versione": "1.0", "body": {"anacForm", ...}}}. */
    public static ObjectNode valid(String code) {
        String anacForm = ANAC_FORMS.get(code);
        if (anacForm == null) {
            throw new IllegalArgumentException("No sample scheda " + code);
        }
        ObjectNode scheda = AnacNpaFiles.JSON.createObjectNode();
        ObjectNode codice = scheda.putObject("codice");
        codice.put("idTipologica", "codiceScheda");
        codice.put("codice", code);
        scheda.put("versione", "1.0");
        ObjectNode body = scheda.putObject("body");
        body.set("anacForm", AnacNpaFiles.JSON.readTree(anacForm));
        switch (code) {
            case "M1", "M1_40" -> body.put("eform", BASE64_XML);
            case "RSU1" -> body.put("espd", BASE64_XML);
            default -> { }
        }
        return scheda;
    }

    /** The anacForm of a scheda. */
    public static JsonNode anacForm(JsonNode scheda) {
        return scheda.path("body").path("anacForm");
    }

    /** Sets the value at a JSON pointer (its parent must exist); {@code value} is JSON text. */
    public static ObjectNode with(ObjectNode scheda, String pointer, String value) {
        JsonPointer path = JsonPointer.compile(pointer);
        ((ObjectNode) scheda.at(path.head())).set(path.last().getMatchingProperty(), AnacNpaFiles.JSON.readTree(value));
        return scheda;
    }

    /** Removes the property at a JSON pointer. */
    public static ObjectNode without(ObjectNode scheda, String pointer) {
        JsonPointer path = JsonPointer.compile(pointer);
        ((ObjectNode) scheda.at(path.head())).remove(path.last().getMatchingProperty());
        return scheda;
    }
}
