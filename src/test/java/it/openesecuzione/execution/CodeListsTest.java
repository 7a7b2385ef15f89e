package it.openesecuzione.execution;

import static org.assertj.core.api.Assertions.assertThat;

import it.openesecuzione.anac.reference.AnacCodeLists;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CodeListsTest {

    @Test
    void ourCodeListsAreAnacsInCodesAndMeanings() {
        AnacCodeLists anac = AnacCodeLists.fromSharedFolder();

        CodeLists.BY_NAME.forEach((name, ours) -> {
            Map<String, String> theirs = new LinkedHashMap<>();
            anac.entries(name).forEach(entry -> theirs.put(entry.code(), entry.italian()));
            assertThat(ours).as(name).containsExactlyEntriesOf(theirs);
        });
    }

    @Test
    void theClosedRuoloOeCodesAreThoseAnacEnded() {
        AnacCodeLists anac = AnacCodeLists.fromSharedFolder();
        var ended = anac.entries("ruoloOE").stream().filter(e -> e.validTo() != null)
                .peek(e -> assertThat(e.validTo()).isEqualTo(CodeLists.RUOLO_OE_ENDED_ON))
                .map(AnacCodeLists.Entry::code).toList();
        assertThat(ended).containsExactlyInAnyOrderElementsOf(CodeLists.RUOLO_OE_ENDED);
    }
}
