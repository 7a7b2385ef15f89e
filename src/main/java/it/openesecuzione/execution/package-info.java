/**
 * The execution phase of a contract: the events after award (signing, handover, SAL, suspensions,
 * modifications, subcontracts, completion, acceptance), the legal rules they obey, and the ANAC
 * scheda each one produces.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Execution")
package it.openesecuzione.execution;
