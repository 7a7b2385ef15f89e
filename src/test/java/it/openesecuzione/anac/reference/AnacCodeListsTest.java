package it.openesecuzione.anac.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class AnacCodeListsTest {

    private static final AnacCodeLists LISTS = AnacCodeLists.fromSharedFolder();

    @Test
    void knowsTheCodesOfAList() {
        assertThat(LISTS.entries("avanzamento")).extracting(AnacCodeLists.Entry::code).containsExactly("9", "10", "11");
        assertThat(LISTS.contains("avanzamento", "11")).isTrue();
        assertThat(LISTS.contains("avanzamento", "12")).isFalse();
        assertThat(LISTS.italian("avanzamento", "11")).contains("Ritardo");
    }

    @Test
    void answersNoForAListThatDoesNotExist() {
        assertThat(LISTS.exists("avanzamenti")).isFalse();
        assertThat(LISTS.contains("avanzamenti", "9")).isFalse();
        assertThatThrownBy(() -> LISTS.entries("avanzamenti")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readsCodesThatAreNotNumbers() {
        assertThat(LISTS.contains("motiviModifica", "mod-cir")).isTrue();
        assertThat(LISTS.contains("tipoComunicazione", "S")).isTrue();
        assertThat(LISTS.contains("categoria", "OG 1")).isTrue();
        assertThat(LISTS.contains("categoria", "OG1")).isFalse();
        assertThat(LISTS.contains("CPV", "45112000")).isTrue();
        assertThat(LISTS.contains("codiceScheda", "M1_40")).isTrue();
    }

    @Test
    void knowsWhenACodeIsValid() {
        // modalitaPagamento 3 exists since 2025-04-08; ruoloOE 1 ended on 2025-07-31.
        assertThat(LISTS.isValidOn("modalitaPagamento", "3", LocalDate.of(2025, 4, 7))).isFalse();
        assertThat(LISTS.isValidOn("modalitaPagamento", "3", LocalDate.of(2025, 4, 8))).isTrue();
        assertThat(LISTS.isValidOn("ruoloOE", "1", LocalDate.of(2025, 7, 30))).isTrue();
        assertThat(LISTS.isValidOn("ruoloOE", "1", LocalDate.of(2025, 7, 31))).isFalse();
        assertThat(LISTS.isValidOn("ruoloOE", "99", LocalDate.of(2025, 1, 1))).isFalse();
    }

    @Test
    void holdsTheErrorTextsOfTheRules() {
        assertThat(LISTS.italian("errori", "REG77")).contains("La data di scadenza del contratto deve essere superiore alla data di stipula.");
        assertThat(LISTS.italian("errori", "ERR2")).contains("scheda non ammessa in questa fase dell'appalto");
    }
}
