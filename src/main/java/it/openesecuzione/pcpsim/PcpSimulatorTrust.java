package it.openesecuzione.pcpsim;

import com.nimbusds.jose.jwk.JWKSet;

/**
 * Public keys the simulator accepts for the client assertions and tracking tokens it receives,
 * besides those configured in {@code openesecuzione.pcp-sim.client-keys}. A module whose keys live
 * only in memory (an ephemeral key pair generated at start-up for the simulator environment)
 * implements it as a bean; the simulator asks at every verification, so keys may change.
 */
public interface PcpSimulatorTrust {

    /** The public keys, each with its {@code kid}. */
    JWKSet publicKeys();
}
