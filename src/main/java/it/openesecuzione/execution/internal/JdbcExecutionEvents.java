package it.openesecuzione.execution.internal;

import it.openesecuzione.execution.ExecutionEvents;
import it.openesecuzione.identity.IdentityAssurance;
import it.openesecuzione.execution.RecordedScheda;
import it.openesecuzione.execution.SchedaCode;
import it.openesecuzione.execution.SchedaDraft;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

@Repository
class JdbcExecutionEvents implements ExecutionEvents {

    private static final TypeReference<Map<String, Object>> FORM = new TypeReference<>() { };
    private static final TypeReference<List<String>> TEXTS = new TypeReference<>() { };
    private static final TypeReference<Map<String, String>> PARTS = new TypeReference<>() { };

    private final JdbcClient jdbc;
    private final JsonMapper json = JsonMapper.builder().build();

    JdbcExecutionEvents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<RecordedScheda> history(long contractId) {
        return jdbc.sql("select * from execution_event where contract_id = ? order by seq").param(contractId)
                .query(this::scheda).list();
    }

    @Override
    public RecordedScheda insert(long contractId, long authorityId, int seq, SchedaDraft draft, Instant at, String by,
            IdentityAssurance with) {
        long id = jdbc.sql("""
                insert into execution_event (contract_id, authority_id, seq, code, versione, event_date, anac_form,
                                             scheda_state, warnings, recorded_at, recorded_by, related_seq, body_parts,
                                             recorded_loa, recorded_idp)
                values (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?::jsonb, ?, ?, ?, ?::jsonb, ?, ?) returning id""")
                .params(contractId, authorityId, seq, draft.code().name(), draft.versione(),
                        draft.eventDate() == null ? null : Date.valueOf(draft.eventDate()),
                        json.writeValueAsString(draft.anacForm()), draft.waitsForAnacId() ? "IN_ATTESA" : "PRONTA",
                        json.writeValueAsString(draft.warnings()), Timestamp.from(at), by, draft.relatedSeq(),
                        json.writeValueAsString(draft.bodyParts()), with == null ? null : with.levelOfAssurance(),
                        with == null ? null : with.provider().name())
                .query(Long.class).single();
        return jdbc.sql("select * from execution_event where id = ?").param(id).query(this::scheda).single();
    }

    @Override
    public RecordedScheda replace(long contractId, int seq, SchedaDraft draft, String by, IdentityAssurance with) {
        jdbc.sql("""
                update execution_event set event_date = ?, anac_form = ?::jsonb, scheda_state = ?, warnings = ?::jsonb,
                       related_seq = ?, body_parts = ?::jsonb, corrected_by = ?, corrected_loa = ?, corrected_idp = ?
                where contract_id = ? and seq = ?""")
                .params(Date.valueOf(draft.eventDate()), json.writeValueAsString(draft.anacForm()),
                        draft.waitsForAnacId() ? "IN_ATTESA" : "PRONTA", json.writeValueAsString(draft.warnings()), draft.relatedSeq(),
                        json.writeValueAsString(draft.bodyParts()), by, with.levelOfAssurance(), with.provider().name(),
                        contractId, seq)
                .update();
        return find(contractId, seq).orElseThrow();
    }

    @Override
    public java.util.Optional<RecordedScheda> find(long contractId, int seq) {
        return jdbc.sql("select * from execution_event where contract_id = ? and seq = ?").params(contractId, seq)
                .query(this::scheda).optional();
    }

    @Override
    public void annul(long contractId, int seq, Instant at) {
        jdbc.sql("update execution_event set annulled_at = ? where contract_id = ? and seq = ? and annulled_at is null")
                .params(Timestamp.from(at), contractId, seq).update();
    }

    private RecordedScheda scheda(ResultSet row, int n) throws SQLException {
        return new RecordedScheda(row.getLong("id"), row.getLong("contract_id"), row.getInt("seq"),
                SchedaCode.valueOf(row.getString("code")), row.getString("versione"), row.getDate("event_date").toLocalDate(),
                json.readValue(row.getString("anac_form"), FORM), row.getString("scheda_state"),
                json.readValue(row.getString("warnings"), TEXTS), row.getTimestamp("recorded_at").toInstant(),
                row.getString("recorded_by"), (Integer) row.getObject("related_seq"),
                json.readValue(row.getString("body_parts"), PARTS), row.getTimestamp("annulled_at") != null,
                IdentityAssurance.stored(row.getString("recorded_loa"), row.getString("recorded_idp")), row.getString("corrected_by"),
                IdentityAssurance.stored(row.getString("corrected_loa"), row.getString("corrected_idp")));
    }
}
