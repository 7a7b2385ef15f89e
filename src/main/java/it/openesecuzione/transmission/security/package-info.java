/**
 * The security PCP requires on every call (docs/design/pcp-interfaces.md §5): the
 * {@code Agid-JWT-TrackingEvidence} token, the PDND voucher obtained with a signed client
 * assertion, the keys and endpoints of each environment ({@code openesecuzione.pcp.*}), and an
 * audit copy of all this without secrets.
 */
package it.openesecuzione.transmission.security;
