package it.openesecuzione.transmission.web;

import it.openesecuzione.transmission.security.PcpEnvironment;

/**
 * The PCP environment the schede go to, as the pages name it: every page's header warns when it
 * is the local simulator, since a scheda "confirmed" there has not reached ANAC.
 *
 * @param name      the configured value of {@code openesecuzione.pcp.environment}, e.g. SIMULATOR
 * @param label     its Italian name
 * @param simulator whether the schede go to the PCP simulator rather than to one of ANAC's environments
 */
record PcpEnvironmentView(String name, String label, boolean simulator) {

    static PcpEnvironmentView of(PcpEnvironment environment) {
        String label = switch (environment) {
            case QUALIFICAZIONE -> "Qualificazione di ANAC (ambiente di prova)";
            case ATTESTAZIONE -> "Attestazione di ANAC (verifica di conformità)";
            case ESERCIZIO -> "Esercizio di ANAC";
            case SIMULATOR -> "Simulatore locale di PCP";
        };
        return new PcpEnvironmentView(environment.name(), label, environment == PcpEnvironment.SIMULATOR);
    }
}
