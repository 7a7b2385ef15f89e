/**
 * Transmission of the schede to ANAC's PCP: a persisted outbox filled in the transaction that
 * records each execution event, delivered outside it, per contract strictly in order and across
 * contracts in parallel, by any number of app nodes; PDND/ModI security on every call; the
 * outcome of each scheda (PCP's idScheda, confirmation or rejection with ANAC's codes).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Transmission")
package it.openesecuzione.transmission;
