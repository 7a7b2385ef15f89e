/**
 * The append-only, hash-chained audit trail: every change is recorded in the transaction that
 * makes it, and a verification detects any altered, deleted or reordered entry.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Audit")
package it.openesecuzione.audit;
