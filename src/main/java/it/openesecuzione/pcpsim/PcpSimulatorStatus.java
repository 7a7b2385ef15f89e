package it.openesecuzione.pcpsim;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What the local PCP simulator is doing, for pages that must label it (a transmission to the
 * simulator is not a transmission to ANAC) and for operators.
 */
public interface PcpSimulatorStatus {

    /** Whether the simulator's endpoints are served by this application ({@code openesecuzione.pcp-sim.enabled}). */
    boolean enabled();

    /** The path under which it is served, e.g. {@code /pcp-sim}; its e-services are {@code <basePath>/modi/rest/<Context>/v2}. */
    String basePath();

    /** ANAC's material the simulator checks the schede with ({@code openesecuzione.pcp-sim.anac-dir}), if configured and readable. */
    Optional<Path> anacDir();

    /** Whether ANAC's material is configured: JSON schemas, DMN rules, code lists and ANAC's ordering sheet apply. */
    default boolean anacDirConfigured() {
        return anacDir().isPresent();
    }

    /** One Italian sentence on what the simulator checks, as logged at start-up. */
    String description();
}
