package it.openesecuzione.execution;

/** ANAC's contract states: signed, in execution, concluded, tested and accepted. */
public enum StatoEsecuzione {
    SOTT, IN_ESEC, CONCL, COLL
}
