package it.openesecuzione.execution;

import java.time.LocalDate;
import java.util.Map;

/**
 * An execution event as submitted: the scheda code and its anacForm data (ANAC's field names),
 * with what an anacForm cannot carry.
 *
 * @param riferimento the number (seq) of the recorded event this one refers to: the RSU1 an ES1
 *                    decides, the ES1 (or its RSU1) a CS1 concludes, the earlier RSU1 a cascade
 *                    RSU1 descends from. ANAC links them by the idScheda it assigns on
 *                    confirmation, which the platform fills in when it sends the scheda. Optional
 *                    where only one event fits.
 * @param dataEvento  the day of an event whose scheda carries no date of its own: the day the
 *                    subcontract request (RSU1) was received, the day of an awardee change (S4).
 *                    Today when omitted.
 * @param espd        the subcontractor's ESPD request (Base64 XML), which ANAC requires with RSU1
 */
public record EventRequest(String type, Map<String, Object> data, Integer riferimento, LocalDate dataEvento, String espd) {

    public EventRequest {
        data = data == null ? Map.of() : data;
    }

    /** An event described by its anacForm alone. */
    public static EventRequest of(String type, Map<String, Object> data) {
        return new EventRequest(type, data, null, null, null);
    }
}
