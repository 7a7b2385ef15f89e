package it.openesecuzione.pcpsim.internal;

import static org.assertj.core.api.Assertions.assertThat;

import it.openesecuzione.execution.SchedaCode;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The simulator's order of the schede: ANAC's sheet when configured, the platform's table otherwise. */
class ChronologyTest {

    private static final Set<String> EXECUTION = Arrays.stream(SchedaCode.values()).map(Enum::name).collect(Collectors.toSet());

    private final Chronology fallback = new FallbackChronology();
    private final Chronology sheet = SheetChronology.read(Path.of("../shared/anac-npa/schema-cronologia-schede.txt"));

    @Test
    void withoutAnacsFolderFollowsThePlatformsOrderingTable() {
        assertThat(fallback.admits(null, "SC1")).isTrue();
        assertThat(fallback.admits(null, "I1")).isFalse();
        assertThat(fallback.admits("SC1", "I1")).isTrue();
        assertThat(fallback.admits("SC1", "SA1")).isFalse();
        assertThat(fallback.admits("I1", "SA1")).isTrue();
        assertThat(fallback.admits("CO2", "SA1")).isFalse();
        assertThat(fallback.knows("S3")).isFalse();
        assertThat(fallback.source()).contains("SchedaSequence");
    }

    @Test
    void withoutAnacsFolderKnowsStatesRollbacksAndReferences() {
        assertThat(fallback.contractState("SC1")).hasValue("SOTT");
        assertThat(fallback.contractState("I1")).hasValue("IN_ESEC");
        assertThat(fallback.contractState("CO1")).hasValue("CONCL");
        assertThat(fallback.contractState("CL1")).hasValue("COLL");
        assertThat(fallback.contractState("CO2")).isEmpty();
        assertThat(fallback.contractState("SA1")).isEmpty();
        assertThat(fallback.annullable("CO1")).isTrue();
        assertThat(fallback.annullable("SA1")).isFalse();
        assertThat(fallback.correlated("RI1")).containsExactlyInAnyOrder("SO1", "SQ1");
        assertThat(fallback.lotState("SC1")).hasValue("SOTT_CONTR");
    }

    @Test
    void anacsSheetAgreesWithTheFallbackOnTheExecutionSchede() {
        for (String code : EXECUTION) {
            Set<String> fromSheet = sheet.admittedAfter(code).stream().filter(EXECUTION::contains).collect(Collectors.toSet());
            assertThat(fromSheet).as("after %s", code).isEqualTo(fallback.admittedAfter(code));
            assertThat(sheet.contractState(code)).as("state after %s", code)
                    .isEqualTo("CO2".equals(code) ? java.util.Optional.empty() : fallback.contractState(code));
            assertThat(sheet.correlated(code)).as("correlated to %s", code).isEqualTo(fallback.correlated(code));
        }
    }

    @Test
    void anacsSheetAdmitsAsFirstSchedaWhatAnAwardAdmits() {
        assertThat(sheet.admittedAfter(null)).contains("SC1", "CO1", "CO2", "S4", "S3").doesNotContain("I1", "SA1");
        assertThat(sheet.annullable("S3")).isTrue();
        assertThat(sheet.annullable("ANN")).isTrue();
        assertThat(sheet.annullable("CL1")).isFalse();
        assertThat(sheet.knows("S3")).isTrue();
        assertThat(sheet.knows("P1_16")).isFalse(); // a notice of a new procedure: comunicaAppalto, not this service
        assertThat(sheet.publishes("M1")).isTrue();
        assertThat(sheet.publishes("SA1")).isFalse();
    }
}
