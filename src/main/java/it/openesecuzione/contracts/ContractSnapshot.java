package it.openesecuzione.contracts;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/** Contract terms as flat text fields, for the audit trail's before/after summaries. */
final class ContractSnapshot {

    private ContractSnapshot() {
    }

    static Map<String, Object> of(ContractTerms terms) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("oggetto", terms.oggetto());
        fields.put("tipologia", terms.tipologia().name());
        fields.put("settore", terms.settore().name());
        fields.put("sopraSoglia", String.valueOf(terms.sopraSoglia()));
        fields.put("concessione", String.valueOf(terms.concessione()));
        fields.put("procedura", terms.procedura().name());
        fields.put("importoBaseGara", terms.importoBaseGara().toString());
        fields.put("ribasso", terms.ribasso().value().toPlainString());
        fields.put("importoContrattuale", terms.importoContrattuale().toString());
        fields.put("oneriSicurezza", terms.oneriSicurezza().toString());
        fields.put("durataGiorni", String.valueOf(terms.durataGiorni()));
        fields.put("cup", terms.cup() == null ? null : terms.cup().value());
        fields.put("lotti", terms.lotti().stream().map(l -> l.cig().value()).collect(Collectors.joining(", ")));
        fields.put("aggiudicatario", terms.aggiudicatario().denominazione() + " (" + terms.aggiudicatario().codiceFiscale().value() + ")");
        fields.put("rti", terms.rti().stream()
                .map(m -> m.denominazione() + " " + m.ruolo().name() + " " + m.quota().stripTrailingZeros().toPlainString() + "%")
                .collect(Collectors.joining("; ")));
        fields.put("rupId", String.valueOf(terms.rupId()));
        fields.put("direttoreId", terms.direttoreId() == null ? null : terms.direttoreId().toString());
        fields.put("collaudatoreId", terms.collaudatoreId() == null ? null : terms.collaudatoreId().toString());
        fields.put("delegatoId", terms.delegatoId() == null ? null : terms.delegatoId().toString());
        fields.put("idAppalto", terms.idAppalto() == null ? null : terms.idAppalto().toString());
        fields.put("idContratto", terms.idContratto() == null ? null : terms.idContratto().toString());
        return fields;
    }

    /** The fields that differ, each as {prima, dopo}. */
    static Map<String, Object> diff(ContractTerms before, ContractTerms after) {
        Map<String, Object> old = of(before);
        Map<String, Object> now = of(after);
        Map<String, Object> changes = new LinkedHashMap<>();
        now.forEach((field, value) -> {
            if (!Objects.equals(old.get(field), value)) {
                Map<String, Object> change = new LinkedHashMap<>();
                change.put("prima", old.get(field));
                change.put("dopo", value);
                changes.put(field, change);
            }
        });
        return changes;
    }
}
