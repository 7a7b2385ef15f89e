package it.openesecuzione.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import it.openesecuzione.shared.CodiceFiscale;
import it.openesecuzione.shared.FieldViolation;
import it.openesecuzione.shared.InvalidValueException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StazioneAppaltanteTest {

    private static final CodiceFiscale GENOVA = new CodiceFiscale("00856930102");

    @Test
    void anAuthorityRegisteredWithoutSeatHasNone() {
        StazioneAppaltante authority = new StazioneAppaltante(1, "Comune di Genova", GENOVA, "0000243530", "COMUNE", "Liguria");

        assertThat(authority.citta()).isNull();
        assertThat(authority.codiceNuts()).isNull();
        assertThat(authority.email()).isNull();
        assertThat(authority.hasSeat()).isFalse();
    }

    @Test
    void keepsTheSeatTrimmedWithTheNutsCodeUpperCase() {
        StazioneAppaltante authority = seat(" Genova ", " itc33 ", " appalti@comune.genova.it ");

        assertThat(authority.citta()).isEqualTo("Genova");
        assertThat(authority.codiceNuts()).isEqualTo("ITC33");
        assertThat(authority.email()).isEqualTo("appalti@comune.genova.it");
        assertThat(authority.hasSeat()).isTrue();
    }

    @Test
    void blankSeatFieldsAreNotRecorded() {
        StazioneAppaltante authority = seat("  ", "", " ");

        assertThat(authority).isEqualTo(new StazioneAppaltante(1, "Comune di Genova", GENOVA, "0000243530", "COMUNE", "Liguria"));
    }

    @Test
    void aSeatNeedsBothCityAndNutsCode() {
        assertThat(seat("Genova", null, "appalti@comune.genova.it").hasSeat()).isFalse();
        assertThat(seat(null, "ITC33", null).hasSeat()).isFalse();
        assertThat(seat("Genova", "ITC33", null).hasSeat()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"IT", "ITC3345", "1TC33", "IT-C3", "ITÈ33"})
    void rejectsAMalformedNutsCode(String nuts) {
        assertThatThrownBy(() -> seat("Genova", nuts, null))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith("Codice NUTS \"" + nuts + "\" non valido");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ITC", "ITC3", "ITC33", "ITZZZ", "FR101"})
    void acceptsNutsCodesOfEveryLevel(String nuts) {
        assertThat(seat("Genova", nuts, null).codiceNuts()).isEqualTo(nuts);
    }

    @ParameterizedTest
    @ValueSource(strings = {"appalti", "appalti@genova", "appalti @comune.genova.it", "a@b@comune.genova.it"})
    void rejectsAMalformedEmail(String email) {
        assertThatThrownBy(() -> seat("Genova", "ITC33", email))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith("Indirizzo email");
    }

    @Test
    void rejectsACityLongerThanAnyName() {
        assertThatThrownBy(() -> seat("G".repeat(101), "ITC33", null)).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void namesEveryWrongSeatFieldInItalianForTheForm() {
        assertThat(StazioneAppaltante.seatViolations("G".repeat(101), "ITC3345", "appalti@genova"))
                .extracting(FieldViolation::field, FieldViolation::message)
                .containsExactly(
                        tuple("citta", "Il nome della città può avere al massimo 100 caratteri"),
                        tuple("codiceNuts",
                                "Codice NUTS non valido: servono due lettere seguite da 1-3 lettere o cifre, ad esempio ITC33"),
                        tuple("email",
                                "Indirizzo email non valido: serve un indirizzo nella forma nome@dominio.it"));
        assertThat(StazioneAppaltante.seatViolations(null, " itc32 ", "")).isEmpty();
    }

    private static StazioneAppaltante seat(String citta, String codiceNuts, String email) {
        return new StazioneAppaltante(1, "Comune di Genova", GENOVA, "0000243530", "COMUNE", "Liguria", citta, codiceNuts, email);
    }
}
