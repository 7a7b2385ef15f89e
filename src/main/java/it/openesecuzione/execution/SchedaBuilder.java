package it.openesecuzione.execution;

import java.util.Map;

/** Builds and checks the scheda of one kind of event from the submitted anacForm data. */
@FunctionalInterface
interface SchedaBuilder {

    SchedaDraft build(ContractFacts facts, ExecutionTimeline timeline, Map<String, Object> data);
}
