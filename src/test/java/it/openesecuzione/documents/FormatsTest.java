package it.openesecuzione.documents;

import static org.assertj.core.api.Assertions.assertThat;

import it.openesecuzione.shared.Money;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class FormatsTest {

    private final Formats f = Formats.IT;

    @Test
    void writesNumbersTheItalianWay() {
        assertThat(f.money(Money.of(new BigDecimal("1234.56")))).isEqualTo("€ 1.234,56");
        assertThat(f.money(Money.of(new BigDecimal("-1234567.5")))).isEqualTo("€ -1.234.567,50");
        assertThat(f.quantity(new BigDecimal("1234.500"))).isEqualTo("1.234,50");
        assertThat(f.quantity(new BigDecimal("0.125"))).isEqualTo("0,125");
        assertThat(f.quantity(new BigDecimal("-3"))).isEqualTo("-3,00");
        assertThat(f.price(new BigDecimal("0.1234"))).isEqualTo("€ 0,1234");
        assertThat(f.price(new BigDecimal("1500.0000"))).isEqualTo("€ 1.500,00");
        assertThat(f.percent(new BigDecimal("10.50000"))).isEqualTo("10,5 %");
        assertThat(f.percent(new BigDecimal("100"))).isEqualTo("100 %");
        assertThat(f.perMille(new BigDecimal("0.5"))).isEqualTo("0,5 ‰");
        assertThat(f.integer(2000)).isEqualTo("2.000");
        assertThat(f.date(LocalDate.of(2026, 3, 2))).isEqualTo("02/03/2026");
        assertThat(f.yesNo(true)).isEqualTo("Sì");
    }

    @Test
    void shortensLongDesignationsAtAWordForTheSalLines() {
        String longText = "Conglomerato bituminoso per strato di collegamento (binder) confezionato a caldo in idonei impianti, "
                + "con bitume di penetrazione 50/70, steso con vibrofinitrice e compattato con rulli, spessore finito 7 cm";
        String shown = f.designation(longText);
        assertThat(shown).endsWith("…").hasSizeLessThanOrEqualTo(Formats.SHORT_DESCRIPTION + 1);
        assertThat(longText).startsWith(shown.substring(0, shown.length() - 1));
        assertThat(shown.charAt(shown.length() - 2)).isNotEqualTo(' ');
        assertThat(f.designation("Scavo a sezione obbligata")).isEqualTo("Scavo a sezione obbligata");
    }
}
