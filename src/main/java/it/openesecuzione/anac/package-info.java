/**
 * ANAC's published PCP material read as executable reference: the JSON schemas of the schede, the
 * DMN rules run by a FEEL engine, the code lists and the orchestrator sheet, all from a folder
 * holding ANAC's files ({@code ../shared/anac-npa} in development). Used by the tests to check the
 * platform's schede and, at run time, by the PCP simulator.
 */
@org.springframework.modulith.ApplicationModule(displayName = "ANAC reference")
package it.openesecuzione.anac;
