package it.openesecuzione.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SchedaSequenceTest {

    private static final Path ANAC_TABLE = Path.of("../shared/anac-npa/schema-cronologia-schede.txt");

    /** ANAC's schedaSuccessiva per execution scheda, keeping only execution codes. */
    private static Map<SchedaCode, Set<SchedaCode>> anacTable() throws IOException {
        Set<String> codes = Arrays.stream(SchedaCode.values()).map(Enum::name).collect(Collectors.toSet());
        Map<SchedaCode, Set<SchedaCode>> table = new TreeMap<>();
        for (String line : Files.readAllLines(ANAC_TABLE)) {
            String[] columns = line.split(" \\| ", -1);
            if (columns.length > 18 && codes.contains(columns[5].trim())) {
                Set<SchedaCode> next = EnumSet.noneOf(SchedaCode.class);
                Arrays.stream(columns[17].split(",")).map(String::trim).filter(codes::contains)
                        .forEach(code -> next.add(SchedaCode.valueOf(code)));
                table.put(SchedaCode.valueOf(columns[5].trim()), next);
            }
        }
        return table;
    }

    @Test
    void matchesAnacsOrderingTableForEveryExecutionScheda() throws IOException {
        Map<SchedaCode, Set<SchedaCode>> anac = anacTable();

        assertThat(anac.keySet()).containsExactlyInAnyOrder(SchedaCode.values());
        anac.forEach((code, next) -> assertThat(SchedaSequence.allowedAfter(code)).as("after %s", code).isEqualTo(next));
    }

    @Test
    void theFirstSchedaIsTheSignature() {
        assertThat(SchedaSequence.problem(null, SchedaCode.SC1)).isEmpty();
        assertThat(SchedaSequence.problem(null, SchedaCode.I1)).hasValueSatisfying(reason -> assertThat(reason).contains("SC1"));
    }

    @Test
    void refusesAResumptionStraightAfterTheHandoverWithTheReason() {
        assertThat(SchedaSequence.problem(SchedaCode.I1, SchedaCode.RI1))
                .hasValueSatisfying(reason -> assertThat(reason).contains("RI1").contains("I1").contains("ANAC"));
    }

    @Test
    void nothingFollowsTheConclusionOfASmallDirectAward() {
        assertThat(SchedaSequence.allowedAfter(SchedaCode.CO2)).isEmpty();
    }
}
