package it.openesecuzione.audit;

/**
 * The outcome of verifying one chain.
 *
 * @param firstBrokenSeq the first position where the chain does not hold, or null when intact
 * @param problem        what is wrong there, in Italian
 */
public record ChainVerification(long chainId, long entries, boolean intact, Long firstBrokenSeq, String problem) {
}
