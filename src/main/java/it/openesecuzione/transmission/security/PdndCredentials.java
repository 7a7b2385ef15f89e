package it.openesecuzione.transmission.security;

import java.util.Map;

/**
 * A PDND client ready to use: its id, its signing key (and the key's kid) and the purpose of each
 * context. Holds the private key only inside {@link SigningKey}, whose {@code toString} hides it.
 *
 * @param codiceAusa the authority whose own client this is; null for the installation's client
 */
public record PdndCredentials(String codiceAusa, String clientId, SigningKey key, Map<PcpContext, String> purposeIds) {

    public PdndCredentials {
        purposeIds = Map.copyOf(purposeIds);
    }

    public String kid() {
        return key.kid();
    }

    /** The purpose registered for the context's e-service; an operator must configure it otherwise. */
    public String purposeId(PcpContext context) {
        String purpose = purposeIds.get(context);
        if (purpose == null) {
            String prefix = codiceAusa == null ? "openesecuzione.pcp."
                    : "openesecuzione.pcp.authorities." + codiceAusa + ".";
            throw new PcpConfigurationException("Nessuna finalità PDND (purposeId) configurata per il contesto "
                    + context.segment() + " del client " + clientId + ": impostare " + prefix + "purpose-ids."
                    + context.segment());
        }
        return purpose;
    }
}
