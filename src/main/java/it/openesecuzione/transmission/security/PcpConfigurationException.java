package it.openesecuzione.transmission.security;

/**
 * The PCP security configuration is missing or wrong (no key, no purpose for a context, an
 * unreadable keystore). Retrying does not help: an operator must fix {@code openesecuzione.pcp.*}.
 * The message names properties and files, never a key or a password.
 */
public class PcpConfigurationException extends RuntimeException {

    public PcpConfigurationException(String message) {
        super(message);
    }

    public PcpConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
