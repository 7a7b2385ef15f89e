package it.openesecuzione.execution;

import java.math.BigDecimal;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The limits of art. 120 on contract modifications, in percent of the original contract value.
 * Configurable ({@code openesecuzione.modifiche.*}) because their reading is a legal choice the
 * authority must be able to make: the defaults are those of domain.md, marked "verify" there.
 *
 * @param perChange        increase allowed by one modification for unforeseeable circumstances or
 *                         supplementary works (art. 120 c. 2): 50
 * @param deMinimisWorks   cumulative limit of the de-minimis modifications of works: 15
 * @param deMinimisOthers  the same for services and supplies: 10
 * @param quintoDObbligo   increase or decrease the contractor must accept at the same terms: 20
 */
@ConfigurationProperties("openesecuzione.modifiche")
public record ModificationLimits(BigDecimal perChange, BigDecimal deMinimisWorks, BigDecimal deMinimisOthers,
        BigDecimal quintoDObbligo) {

    public static final ModificationLimits DEFAULT = new ModificationLimits(null, null, null, null);

    public ModificationLimits {
        perChange = perChange == null ? new BigDecimal("50") : perChange;
        deMinimisWorks = deMinimisWorks == null ? new BigDecimal("15") : deMinimisWorks;
        deMinimisOthers = deMinimisOthers == null ? new BigDecimal("10") : deMinimisOthers;
        quintoDObbligo = quintoDObbligo == null ? new BigDecimal("20") : quintoDObbligo;
    }
}
