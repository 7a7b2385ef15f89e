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

    /**
     * 429 (or 503): retry after the time PCP asked for; or, {@link #heldBack()}, a call this node did
     * not make because PCP had asked it to wait.
     */
    public static final class Throttled extends PcpException {

        private final Duration retryAfter;
        private final boolean heldBack;

        /** PCP answered 429 (or 503). */
        public Throttled(Duration retryAfter) {
            this(retryAfter, false);
        }

        public Throttled(Duration retryAfter, boolean heldBack) {
            super(heldBack ? "Chiamata trattenuta: PCP ha chiesto di attendere ancora " + retryAfter.toSeconds() + " s"
                    : "PCP chiede di riprovare tra " + retryAfter.toSeconds() + " s (429)", null);
            this.retryAfter = retryAfter;
            this.heldBack = heldBack;
        }

        public Duration retryAfter() {
            return retryAfter;
        }

        /** The call never left this node: there is no PCP answer to record. */
        public boolean heldBack() {
            return heldBack;
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
