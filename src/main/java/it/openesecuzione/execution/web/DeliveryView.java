package it.openesecuzione.execution.web;

import it.openesecuzione.execution.SchedaDeliveries;

/**
 * A scheda's delivery to PCP as the timeline shows it: a badge whose text says the state (the
 * colour only repeats it), and what PCP answered.
 *
 * @param badge   the Bootstrap Italia background of the badge
 * @param label   the state in Italian; for an outcome the page adds who decided (ANAC or the simulator)
 * @param outcome whether PCP decided: confirmed, rejected or annulled
 */
record DeliveryView(SchedaDeliveries.Delivery delivery, String badge, String label, boolean outcome) {

    static DeliveryView of(SchedaDeliveries.Delivery delivery) {
        return switch (delivery.stato()) {
            case "IN_CODA" -> new DeliveryView(delivery, "bg-secondary", "In coda", false);
            case "CREATA" -> new DeliveryView(delivery, "bg-primary", "Creata su PCP, da confermare", false);
            case "IN_CONFERMA" -> new DeliveryView(delivery, "bg-primary", "In conferma su PCP", false);
            case "CONFERMATA" -> new DeliveryView(delivery, "bg-success", "Confermata", true);
            case "RIFIUTATA" -> new DeliveryView(delivery, "bg-danger", "Rifiutata", true);
            case "IN_ANNULLAMENTO" -> new DeliveryView(delivery, "bg-primary", "In annullamento su PCP", false);
            case "ANNULLATA" -> new DeliveryView(delivery, "bg-secondary", "Annullata", true);
            default -> new DeliveryView(delivery, "bg-secondary", delivery.descrizione(), false);
        };
    }

    /** A rejected scheda waits for the RUP, who may send it again. */
    public boolean rejected() {
        return "RIFIUTATA".equals(delivery.stato());
    }

    /** PCP has not confirmed the scheda (queued, created, rejected): the RUP may still correct it. */
    public boolean correctable() {
        return java.util.Set.of("IN_CODA", "CREATA", "RIFIUTATA").contains(delivery.stato());
    }

    /** The last problem met, worth showing while the scheda is on its way or once rejected. */
    public String problem() {
        String problem = delivery.problema();
        return problem == null || problem.isBlank() || "CONFERMATA".equals(delivery.stato()) ? null : problem;
    }
}
