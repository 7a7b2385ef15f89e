package it.openesecuzione.shared;

/**
 * What was asked for does not exist, or is not visible to the user: the two are deliberately
 * indistinguishable, so that nobody learns of another authority's data.
 */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }
}
