package it.openesecuzione.accounting;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ItalianNumbersTest {

    @Test
    void readsCommaOrPointDecimalsAndItalianThousands() {
        assertThat(ItalianNumbers.parse("1234,56")).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("1234.56"));
        assertThat(ItalianNumbers.parse("1.234,56")).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("1234.56"));
        assertThat(ItalianNumbers.parse("1234.56")).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("1234.56"));
        assertThat(ItalianNumbers.parse("€ 1.125,50")).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("1125.50"));
        assertThat(ItalianNumbers.parse("-12,5")).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("-12.5"));
        assertThat(ItalianNumbers.parse("dodici")).isEmpty();
        assertThat(ItalianNumbers.parse(" ")).isEmpty();
    }

    @Test
    void flagsAPointThatMayBeAThousandsSeparator() {
        assertThat(ItalianNumbers.ambiguous("1.500")).isTrue();
        assertThat(ItalianNumbers.ambiguous("12.345.678")).isTrue();
        assertThat(ItalianNumbers.ambiguous("1.5")).isFalse();
        assertThat(ItalianNumbers.ambiguous("1.500,25")).isFalse();
        assertThat(ItalianNumbers.ambiguous("1500")).isFalse();
    }
}
