package it.openesecuzione.contracts;

/**
 * A search of the contract list: free text (oggetto, awardee, CUP, codice fiscale) or a CIG, and
 * filters. Pages count from 0.
 */
public record ContractQuery(String text, Tipologia tipologia, StatoContratto stato, int page, int size) {

    public static final int MAX_SIZE = 100;

    public ContractQuery {
        text = text == null || text.isBlank() ? null : text.strip();
        page = Math.max(page, 0);
        size = size <= 0 ? 20 : Math.min(size, MAX_SIZE);
    }
}
