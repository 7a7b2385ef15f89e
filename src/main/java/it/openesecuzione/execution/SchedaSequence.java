package it.openesecuzione.execution;

import static it.openesecuzione.execution.SchedaCode.*;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which scheda may follow which: ANAC's ordering table (schema-cronologia-schede, column
 * schedaSuccessiva), restricted to the execution schede. PCP refuses a scheda out of this order
 * with ERR2; the platform refuses it first, with the reason. The table is ANAC's, copied as data
 * and checked against ANAC's file by a test.
 */
public final class SchedaSequence {

    /**
     * What may come first, after the award: the contract's signature, the conclusion of a direct
     * award under 5,000 euro, a change of awardee (S4 follows every award scheda).
     */
    static final Set<SchedaCode> FIRST = Collections.unmodifiableSet(EnumSet.of(SC1, CO2, S4));

    private static final Map<SchedaCode, Set<SchedaCode>> NEXT = new EnumMap<>(SchedaCode.class);

    static {
        NEXT.put(S4, EnumSet.of(M1, M1_40, M2, M2_40, SA1, RSU1, SO1, AC1, IR1, CO1, ES1, CL1, S4, SC1, CO2));
        NEXT.put(SC1, EnumSet.of(I1, M1, M1_40, M2, M2_40, RSU1, SO1, RI1, AC1, IR1, CO1, S4, SC1));
        NEXT.put(I1, EnumSet.of(M1, M1_40, M2, M2_40, SA1, RSU1, SO1, AC1, IR1, CO1, ES1, CL1, S4));
        NEXT.put(M1, EnumSet.of(M1, SA1, RSU1, SO1, AC1, IR1, CO1, ES1, CS1, RI1, CL1, S4, I1));
        NEXT.put(M1_40, EnumSet.of(M1_40, SA1, RSU1, SO1, AC1, IR1, CO1, ES1, CS1, RI1, CL1, S4, I1));
        NEXT.put(M2, EnumSet.of(M2, SA1, RSU1, SO1, AC1, IR1, CO1, ES1, CS1, RI1, CL1, S4, I1));
        NEXT.put(M2_40, EnumSet.of(M2_40, SA1, RSU1, SO1, AC1, IR1, CO1, ES1, CS1, RI1, CL1, S4, I1));
        NEXT.put(SA1, EnumSet.of(M1, M1_40, M2, M2_40, SA1, RSU1, SO1, AC1, IR1, CO1, CL1, ES1, CS1, S4, SQ1, RI1));
        NEXT.put(RSU1, EnumSet.of(M1, M1_40, M2, M2_40, SA1, RSU1, SO1, AC1, IR1, CO1, ES1, CS1, RI1, CL1, S4, I1));
        NEXT.put(ES1, EnumSet.of(M1, M1_40, M2, M2_40, SA1, RSU1, SO1, AC1, IR1, CO1, CS1, ES1, RI1, CL1, S4, I1));
        NEXT.put(CS1, EnumSet.of(M1, M1_40, M2, M2_40, SA1, RSU1, SO1, AC1, IR1, CO1, ES1, CS1, RI1, CL1, S4));
        NEXT.put(SO1, EnumSet.of(M1, M1_40, M2, M2_40, SA1, RSU1, SO1, AC1, IR1, CO1, CL1, ES1, CS1, RI1, S4, SQ1));
        NEXT.put(SQ1, EnumSet.of(M1, M1_40, M2, M2_40, SA1, RSU1, SO1, AC1, IR1, CO1, CL1, ES1, CS1, RI1, S4));
        NEXT.put(RI1, EnumSet.of(M1, M1_40, M2, M2_40, SA1, RSU1, SO1, AC1, IR1, CO1, RI1, ES1, CS1, CL1, S4));
        NEXT.put(AC1, EnumSet.of(M1, M1_40, M2, M2_40, SA1, RSU1, SO1, AC1, IR1, CO1, ES1, CS1, S4, CL1, I1));
        NEXT.put(IR1, EnumSet.of(M1, M1_40, M2, M2_40, SA1, RSU1, SO1, AC1, CO1, ES1, CS1, RI1, S4));
        NEXT.put(CO1, EnumSet.of(CL1, SA1, CO1, SC1));
        NEXT.put(CO2, EnumSet.noneOf(SchedaCode.class));
        NEXT.put(CL1, EnumSet.of(S4, CO1, SA1, RSU1, SO1, AC1, IR1, RI1, ES1, CS1, SC1));
    }

    private SchedaSequence() {
    }

    /** The schede ANAC admits after {@code previous} (null: nothing sent yet). */
    public static Set<SchedaCode> allowedAfter(SchedaCode previous) {
        return previous == null ? FIRST : Collections.unmodifiableSet(NEXT.get(previous));
    }

    /** Why {@code next} may not follow {@code previous}, in Italian; empty when it may. */
    public static Optional<String> problem(SchedaCode previous, SchedaCode next) {
        if (allowedAfter(previous).contains(next)) {
            return Optional.empty();
        }
        if (previous == null) {
            return Optional.of("La prima scheda dell'esecuzione è la stipula del contratto (SC1), non " + next + ".");
        }
        return Optional.of("La scheda " + next + " (" + next.description().toLowerCase() + ") non può seguire la scheda "
                + previous + " (" + previous.description().toLowerCase() + ") secondo l'ordine stabilito da ANAC.");
    }
}
