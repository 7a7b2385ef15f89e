package it.openesecuzione.contracts;

import java.util.List;

/**
 * A page of results. Counting every match of a broad search over hundreds of thousands of
 * contracts is costly, so the total is counted up to {@link #COUNT_LIMIT}; {@code totalCapped}
 * says the real total is larger.
 */
public record ContractPage(List<ContractSummary> items, int page, int size, long total, boolean totalCapped) {

    public static final int COUNT_LIMIT = 1000;

    public int pages() {
        return (int) Math.max(1, (total + size - 1) / size);
    }

    public boolean hasNext() {
        return (long) (page + 1) * size < total;
    }

    public boolean hasPrevious() {
        return page > 0;
    }
}
