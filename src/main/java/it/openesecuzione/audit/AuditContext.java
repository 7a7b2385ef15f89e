package it.openesecuzione.audit;

/**
 * What the audit trail needs to know about people and authorities. Implemented by the identity
 * module; owning the interface keeps audit upstream of every module it records, identity included.
 */
public interface AuditContext {

    /** The current actor, with the role they hold at that authority (null: platform-wide). */
    AuditActor currentActor(Long authorityId);

    /** The region of an authority, so the regional observatory can read its entries. */
    String regionOf(Long authorityId);

    /** May the current user run the verification (administrators only)? */
    boolean currentUserMayVerify();

    /** A human name for a chain: the authority's name, or the platform's. */
    String chainLabel(long chainId);
}
