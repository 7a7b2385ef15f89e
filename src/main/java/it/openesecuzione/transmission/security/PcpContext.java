package it.openesecuzione.transmission.security;

/**
 * A PCP context: a separate PDND e-service with its own purpose ({@code purposeId}), hence its own
 * voucher, and its own version (pcp-interfaces.md §1.2). In configuration keys it may be written
 * as the path segment ({@code ComunicaPostPubblicazione}) or as the constant name.
 */
public enum PcpContext {

    /** crea/modifica/cancella/verifica/conferma/ricerca/consulta-scheda. */
    COMUNICA_POST_PUBBLICAZIONE("ComunicaPostPubblicazione", 2),
    /** esito-operazione, stato-appalto, rollback-scheda. */
    SERVIZI_COMUNI("ServiziComuni", 2),
    /** ANAC's code lists. */
    CODE_LIST("CodeList", 2),
    /** presa-carico and delegations. */
    GESTIONE_UTENTI("GestioneUtenti", 1),
    /** Reading an award, for onboarding. */
    COMUNICA_APPALTO("ComunicaAppalto", 2);

    private final String segment;
    private final int defaultVersion;

    PcpContext(String segment, int defaultVersion) {
        this.segment = segment;
        this.defaultVersion = defaultVersion;
    }

    /** The context whose path segment is {@code segment} ({@code "ServiziComuni"}), or an IllegalArgumentException. */
    public static PcpContext fromSegment(String segment) {
        for (PcpContext context : values()) {
            if (context.segment.equals(segment)) {
                return context;
            }
        }
        throw new IllegalArgumentException("Contesto PCP sconosciuto: " + segment);
    }

    /** The path segment, as in {@code /modi/rest/ComunicaPostPubblicazione/v2}. */
    public String segment() {
        return segment;
    }

    /** The version seen in ANAC's examples and issues; {@code openesecuzione.pcp.versions} overrides it. */
    public int defaultVersion() {
        return defaultVersion;
    }
}
