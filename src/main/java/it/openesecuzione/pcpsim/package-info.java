/**
 * A local simulator of ANAC's Piattaforma Contratti Pubblici (PCP) for the execution phase: the
 * same HTTP contract as ANAC's gateway ({@code <base>/modi/rest/<Context>/v<N>/<operation>}, a
 * PDND-like token endpoint, the tracking token, both error shapes), ANAC's scheda life cycle with
 * asynchronous confirmation, ordering, schema and DMN checks, and fault injection, so that the
 * platform's transmission can be shown and tested end to end without ANAC. State lives in
 * PostgreSQL ({@code pcpsim_*} tables), so any number of nodes may serve it.
 */
@org.springframework.modulith.ApplicationModule(displayName = "PCP simulator")
package it.openesecuzione.pcpsim;
