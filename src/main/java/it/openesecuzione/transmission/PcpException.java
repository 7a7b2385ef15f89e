package it.openesecuzione.transmission;

import java.time.Duration;
import java.util.List;

/** A call to PCP that did not succeed, classified by what the delivery should do about it. */
public abstract sealed class PcpException extends RuntimeException {

    PcpException(String message, Throwable cause) {
        super(message, cause);
    }

    /** PCP refused the request (400, 404): never retried as it is; the RUP must act. */
    public static final class Rejected extends PcpException {

        private final int status;
        private final List<PcpError> errori;

        public Rejected(int status, String message, List<PcpError> errori) {
            super(message, null);
            this.status = status;
            this.errori = List.copyOf(errori);
        }

        public int status() {
            return status;
        }

        public List<PcpError> errori() {
            return errori;
        }
    }

    /** 429 (or 503): retry after the time PCP asked for. */
    public static final class Throttled extends PcpException {

        private final Duration retryAfter;

        public Throttled(Duration retryAfter) {
            super("PCP chiede di riprovare tra " + retryAfter.toSeconds() + " s (429)", null);
            this.retryAfter = retryAfter;
        }

        public Duration retryAfter() {
            return retryAfter;
        }
    }

    /**
     * 5xx, a dropped connection, a timeout, a gateway or credential failure, or PCP busy with another
     * scheda of the appalto ({@link TransmissionDelivery#APPALTO_BUSY}): retried with backoff.
     */
    public static final class Unavailable extends PcpException {

        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
