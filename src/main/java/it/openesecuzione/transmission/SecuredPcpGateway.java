package it.openesecuzione.transmission;

import it.openesecuzione.transmission.security.PcpCallSecurity;
import it.openesecuzione.transmission.security.PcpContext;
import it.openesecuzione.transmission.security.PcpEndpoints;
import it.openesecuzione.transmission.security.TrackingRequest;
import java.net.URI;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * PCP as configured (openesecuzione.pcp.environment): the environment's addresses, and on every
 * call a fresh tracking token and the PDND voucher.
 */
@Component
class SecuredPcpGateway implements PcpGateway {

    private final PcpEndpoints endpoints;
    private final PcpCallSecurity security;

    SecuredPcpGateway(PcpEndpoints endpoints, PcpCallSecurity security) {
        this.endpoints = endpoints;
        this.security = security;
    }

    @Override
    public URI operationUri(String context, String operation) {
        return endpoints.operationUri(PcpContext.fromSegment(context), operation);
    }

    @Override
    public Map<String, String> headers(PcpCall call, String context) {
        // ANAC's traceID names one request, its spanID the work it belongs to: here the scheda.
        TrackingRequest request = new TrackingRequest(call.userCodiceFiscale(),
                "RP".equals(call.userRole()) ? TrackingRequest.UserRole.RP : TrackingRequest.UserRole.DRP,
                "4".equals(call.userAssurance().levelOfAssurance()) ? TrackingRequest.LevelOfAssurance.LOA4
                        : TrackingRequest.LevelOfAssurance.LOA3,
                TrackingRequest.IdpType.valueOf(call.userAssurance().provider().name()), call.codiceAusa(),
                call.authorityCodiceFiscale(), call.idAppalto(), UUID.randomUUID().toString(), call.traceId());
        return security.secure(PcpContext.fromSegment(context), request).httpHeaders();
    }
}
