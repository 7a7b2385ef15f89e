package it.openesecuzione.shared;

/** The user is known and sees the data, but their role does not allow this operation. */
public class NotPermittedException extends RuntimeException {

    public NotPermittedException(String message) {
        super(message);
    }
}
