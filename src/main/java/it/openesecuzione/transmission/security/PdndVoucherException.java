package it.openesecuzione.transmission.security;

/**
 * PDND did not issue a voucher. The message says why (HTTP status, PDND's own words) and never
 * carries a key, a client assertion or a voucher.
 */
public class PdndVoucherException extends RuntimeException {

    private final int status;
    private final boolean retryable;

    PdndVoucherException(String message, int status, boolean retryable, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.retryable = retryable;
    }

    /** HTTP status of PDND's answer; 0 when there was none (network failure, timeout). */
    public int status() {
        return status;
    }

    /**
     * True for a failure that may pass (no answer, 429, 5xx); false when PDND refused the client
     * (400, 401, 403: wrong client id, kid, key or purpose), which an operator must fix.
     */
    public boolean retryable() {
        return retryable;
    }
}
