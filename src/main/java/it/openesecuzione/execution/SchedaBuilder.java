package it.openesecuzione.execution;

import java.util.List;
import java.util.Map;

/** Builds and checks the scheda of one kind of event from the submitted anacForm data. */
@FunctionalInterface
interface SchedaBuilder {

    SchedaDraft build(ContractFacts facts, ExecutionTimeline timeline, Map<String, Object> data);

    /**
     * The builders of events that refer to earlier ones or carry more than an anacForm (RSU1, ES1,
     * CS1, S4) read the whole history and request; the others need only the anacForm data.
     */
    default SchedaDraft build(ContractFacts facts, ExecutionTimeline timeline, List<RecordedScheda> history,
            EventRequest request) {
        return build(facts, timeline, request.data());
    }
}
