package it.openesecuzione.pcpsim.internal;

import java.util.List;

/**
 * A refusal answered with PCP's {@code ErrorResponse}: the HTTP status, a {@code detail} and the
 * {@code errori}.
 */
public class PcpException extends RuntimeException {

    private final int status;
    private final String detail;
    private final List<PcpError> errori;

    public PcpException(int status, String detail, List<PcpError> errori) {
        super(detail + " " + errori);
        this.status = status;
        this.detail = detail;
        this.errori = List.copyOf(errori);
    }

    public int status() {
        return status;
    }

    public String detail() {
        return detail;
    }

    public List<PcpError> errori() {
        return errori;
    }
}
