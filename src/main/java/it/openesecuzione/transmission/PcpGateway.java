package it.openesecuzione.transmission;

import java.net.URI;
import java.util.Map;

/**
 * Where PCP is and what every call must carry: the environment's base URL and the security
 * headers (PDND voucher, Agid-JWT-TrackingEvidence) for a call in a PCP context
 * (ComunicaPostPubblicazione, ServiziComuni, …).
 */
public interface PcpGateway {

    /** The address of an operation in a context, e.g. ComunicaPostPubblicazione, crea-scheda. */
    URI operationUri(String context, String operation);

    /** The headers of one call; a fresh tracking token each time. */
    Map<String, String> headers(PcpCall call, String context);
}
