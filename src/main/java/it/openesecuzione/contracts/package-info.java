/**
 * The contract registry: appalto, lots (CIG) and contract with its awardee, amounts, term and the
 * people assigned to it (RUP, DL/DEC, collaudatore, execution delegate).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Contracts")
package it.openesecuzione.contracts;
