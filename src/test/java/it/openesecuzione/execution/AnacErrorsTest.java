package it.openesecuzione.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class AnacErrorsTest {

    @Test
    void ourTextsAreAnacsTexts() {
        JsonNode errors = JsonMapper.builder().build().readTree(Path.of("../shared/anac-npa/modello-dati/tipologiche/errori.json").toFile());
        Map<String, String> anac = new HashMap<>();
        errors.forEach(error -> anac.put(error.get("codice").asString(), error.get("descrizione").get("it").asString()));

        AnacErrors.TEXTS.forEach((code, text) -> assertThat(anac.get(code)).as(code).isEqualTo(text));
        AnacErrors.PCP_TEXTS.forEach((code, text) -> assertThat(anac.get(code)).as(code).isEqualTo(text));
        // Every error PCP itself returns (services, data, tracking token) has its text on the platform.
        anac.keySet().stream().filter(code -> code.startsWith("ERR") || code.startsWith("AUT") || code.startsWith("SEC"))
                .forEach(code -> assertThat(AnacErrors.find(code)).as(code).isPresent());
    }
}
