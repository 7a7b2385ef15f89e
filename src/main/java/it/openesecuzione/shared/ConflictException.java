package it.openesecuzione.shared;

/** The operation lost a race (stale version) or contradicts the current state. */
public class ConflictException extends RuntimeException {

    public ConflictException(String message) {
        super(message);
    }
}
