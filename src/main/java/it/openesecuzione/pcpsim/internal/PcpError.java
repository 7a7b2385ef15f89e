package it.openesecuzione.pcpsim.internal;

import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One entry of PCP's {@code errori}: {@code {"idTipologica": "errori", "codice", "dettaglio"}}
 * ({@code TipologicaSchemaErroriType}); {@code dettaglio} is ANAC's Italian text, with the
 * particulars after a colon when the simulator knows them.
 */
public record PcpError(String codice, String dettaglio) {

    public ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("idTipologica", "errori");
        node.put("codice", codice);
        node.put("dettaglio", dettaglio);
        return node;
    }
}
