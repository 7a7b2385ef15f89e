/**
 * Types shared by every module. Among them, the self-validating value types: the identifiers of
 * Italian public procurement (CIG, CUP, codice fiscale, partita IVA), euro amounts and
 * percentages.
 *
 * <p>The value types are plain Java on purpose: no Spring, no Jackson. A value that exists is
 * valid, because every record checks itself in its compact constructor and otherwise throws
 * {@link it.openesecuzione.shared.InvalidValueException}, with a message in Italian for the people
 * who typed the value. The identifiers and {@link it.openesecuzione.shared.Percentage} also offer
 * {@code problemWith(String)} and {@code isValid(String)}, so that forms and importers can ask
 * without catching exceptions.
 */
package it.openesecuzione.shared;
