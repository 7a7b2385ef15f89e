package it.openesecuzione.pcpsim.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

/**
 * The simulator's state in PostgreSQL ({@code pcpsim_*}): appalti seen, schede, contracts created
 * by SC1 confirmations, and operations with their outcome. Every time is the simulator's clock,
 * passed in; the order of confirmations is a sequence number, not a time.
 */
public class SimulatorStore {

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** A scheda as the simulator holds it. {@code idContratto}: the contract it belongs to, set at confirmation. */
    public record StoredScheda(UUID idScheda, UUID idAppalto, String codice, String versione, JsonNode scheda,
            String stato, UUID idContratto, Instant createdAt, Instant modifiedAt) {
    }

    /** An operation and its outcome: {@code esito} WT until {@code readyAt}, then OK or KO. */
    public record Operation(long id, UUID idAppalto, UUID idScheda, String codiceScheda, String tipo, String esito,
            String dettaglio, ArrayNode errori, UUID idContratto, UUID idAvviso, String motivazione, Instant createdAt,
            Instant readyAt, Instant checkedAt) {
    }

    /** A contract created by the confirmation of its SC1. */
    public record Contract(UUID idContratto, UUID idAppalto, UUID idSchedaSc1, String stato, List<String> cig,
            Instant updatedAt) {
    }

    /** The filters of ricerca-scheda. */
    public record Search(UUID idAppalto, String cig, String codiceScheda, String statoScheda, Instant createdFrom,
            Instant createdTo) {
    }

    private final JdbcClient jdbc;

    SimulatorStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // ---------------------------------------------------------------- appalti

    public void ensureAppalto(UUID idAppalto, Instant now) {
        jdbc.sql("insert into pcpsim_appalto (id_appalto, first_seen) values (:id, :now) on conflict do nothing")
                .param("id", idAppalto).param("now", Timestamp.from(now)).update();
    }

    public boolean appaltoExists(UUID idAppalto) {
        return jdbc.sql("select count(*) from pcpsim_appalto where id_appalto = :id").param("id", idAppalto)
                .query(Long.class).single() > 0;
    }

    /** Locks the appalto until the end of the transaction: dispositive operations of one appalto are serialised. */
    public int lockAppalto(UUID idAppalto) {
        return jdbc.sql("select rollbacks from pcpsim_appalto where id_appalto = :id for update")
                .param("id", idAppalto).query(Integer.class).single();
    }

    public void countRollback(UUID idAppalto) {
        jdbc.sql("update pcpsim_appalto set rollbacks = rollbacks + 1 where id_appalto = :id").param("id", idAppalto)
                .update();
    }

    // ---------------------------------------------------------------- schede

    /** @param createdBy the user claims of the creating call's tracking token; null when unknown */
    public void insertScheda(UUID idScheda, UUID idAppalto, String codice, String versione, JsonNode scheda, Instant now,
            Map<String, String> createdBy) {
        jdbc.sql("""
                insert into pcpsim_scheda (id_scheda, id_appalto, codice, versione, scheda, stato, created_at, created_by)
                values (:id, :appalto, :codice, :versione, cast(:scheda as jsonb), 'IN_LAV', :now, cast(:by as jsonb))""")
                .param("id", idScheda).param("appalto", idAppalto).param("codice", codice).param("versione", versione)
                .param("scheda", JSON.writeValueAsString(scheda)).param("now", Timestamp.from(now))
                .param("by", createdBy == null ? null : JSON.writeValueAsString(createdBy)).update();
    }

    /** Who created the scheda, as its tracking token stated it (userCodiceFiscale, userRole, userLoa, userIdpType). */
    public Optional<Map<String, String>> createdBy(UUID idScheda) {
        return jdbc.sql("select created_by from pcpsim_scheda where id_scheda = :id and created_by is not null")
                .param("id", idScheda).query(String.class).optional()
                .map(text -> JSON.readValue(text, new tools.jackson.core.type.TypeReference<Map<String, String>>() { }));
    }

    public Optional<StoredScheda> scheda(UUID idScheda) {
        return jdbc.sql("select * from pcpsim_scheda where id_scheda = :id").param("id", idScheda)
                .query(SimulatorStore::scheda).optional();
    }

    /** @param modifiedBy the user claims of the modifying call's tracking token; null when unknown */
    public void replaceScheda(UUID idScheda, String codice, String versione, JsonNode scheda, Instant now,
            Map<String, String> modifiedBy) {
        jdbc.sql("""
                update pcpsim_scheda set codice = :codice, versione = :versione, scheda = cast(:scheda as jsonb),
                    modified_at = :now, modified_by = cast(:by as jsonb)
                where id_scheda = :id""")
                .param("id", idScheda).param("codice", codice).param("versione", versione)
                .param("scheda", JSON.writeValueAsString(scheda)).param("now", Timestamp.from(now))
                .param("by", modifiedBy == null ? null : JSON.writeValueAsString(modifiedBy)).update();
    }

    public void setState(UUID idScheda, String stato, Instant now) {
        jdbc.sql("update pcpsim_scheda set stato = :stato, modified_at = :now where id_scheda = :id")
                .param("id", idScheda).param("stato", stato).param("now", Timestamp.from(now)).update();
    }

    /** Confirms a scheda: CONF, its contract, and the next number in the order of confirmations. */
    public void confirm(UUID idScheda, UUID idContratto, Instant now) {
        jdbc.sql("""
                update pcpsim_scheda set stato = 'CONF', id_contratto = :contratto, confirmed_at = :now,
                    confirmed_seq = nextval('oe_seq')
                where id_scheda = :id""")
                .param("id", idScheda).param("contratto", idContratto).param("now", Timestamp.from(now)).update();
    }

    /**
     * The last confirmed scheda at a level: the contract's schede, or for {@code idContratto} null
     * the appalto's schede that belong to no contract.
     */
    public Optional<StoredScheda> lastConfirmed(UUID idAppalto, UUID idContratto) {
        return jdbc.sql("""
                select * from pcpsim_scheda
                where id_appalto = :appalto and stato = 'CONF'
                  and (id_contratto = :contratto or (cast(:contratto as uuid) is null and id_contratto is null))
                order by confirmed_seq desc limit 1""")
                .param("appalto", idAppalto).param("contratto", idContratto)
                .query(SimulatorStore::scheda).optional();
    }

    /** The codes of a contract's confirmed schede, in the order of confirmation. */
    public List<String> confirmedCodes(UUID idContratto) {
        return jdbc.sql("select codice from pcpsim_scheda where id_contratto = :id and stato = 'CONF' order by confirmed_seq")
                .param("id", idContratto).query(String.class).list();
    }

    public long count(Search search) {
        return jdbc.sql("select count(*) from pcpsim_scheda s where " + where())
                .param("appalto", search.idAppalto()).param("cig", search.cig()).param("codice", search.codiceScheda())
                .param("stato", search.statoScheda()).param("from", timestamp(search.createdFrom()))
                .param("to", timestamp(search.createdTo()))
                .query(Long.class).single();
    }

    public List<StoredScheda> search(Search search, int page, int perPage) {
        return jdbc.sql("select * from pcpsim_scheda s where " + where() + " order by created_at, id_scheda limit :limit offset :offset")
                .param("appalto", search.idAppalto()).param("cig", search.cig()).param("codice", search.codiceScheda())
                .param("stato", search.statoScheda()).param("from", timestamp(search.createdFrom()))
                .param("to", timestamp(search.createdTo()))
                .param("limit", perPage).param("offset", (long) (page - 1) * perPage)
                .query(SimulatorStore::scheda).list();
    }

    private static String where() {
        return """
                (cast(:appalto as uuid) is null or s.id_appalto = :appalto)
                and (cast(:cig as text) is null or exists (select 1 from pcpsim_contratto c
                     where c.id_appalto = s.id_appalto and :cig = any (c.cig))
                     or s.scheda -> 'body' -> 'anacForm' ->> 'cig' = :cig)
                and (cast(:codice as text) is null or s.codice = :codice)
                and (cast(:stato as text) is null or s.stato = :stato)
                and (cast(:from as timestamptz) is null or s.created_at >= :from)
                and (cast(:to as timestamptz) is null or s.created_at <= :to)""";
    }

    // ---------------------------------------------------------------- contracts

    public void insertContract(UUID idContratto, UUID idAppalto, UUID idSchedaSc1, String stato, List<String> cig,
            Instant now) {
        jdbc.sql("""
                insert into pcpsim_contratto (id_contratto, id_appalto, id_scheda_sc1, stato, cig, updated_at)
                values (:id, :appalto, :sc1, :stato, :cig, :now)""")
                .param("id", idContratto).param("appalto", idAppalto).param("sc1", idSchedaSc1).param("stato", stato)
                .param("cig", cig.toArray(String[]::new)).param("now", Timestamp.from(now)).update();
    }

    public Optional<Contract> contract(UUID idContratto) {
        return jdbc.sql("select * from pcpsim_contratto where id_contratto = :id").param("id", idContratto)
                .query(SimulatorStore::contract).optional();
    }

    /** The contracts whose SC1 named this CIG, newest first. */
    public List<Contract> contractsOfCig(String cig) {
        return jdbc.sql("select * from pcpsim_contratto where :cig = any (cig) order by updated_at desc")
                .param("cig", cig).query(SimulatorStore::contract).list();
    }

    public void setContractState(UUID idContratto, String stato, Instant now) {
        jdbc.sql("update pcpsim_contratto set stato = :stato, updated_at = :now where id_contratto = :id")
                .param("id", idContratto).param("stato", stato).param("now", Timestamp.from(now)).update();
    }

    // ---------------------------------------------------------------- operations

    public long insertOperation(UUID idAppalto, UUID idScheda, String codiceScheda, String tipo, String esito,
            String dettaglio, String motivazione, Instant now, Instant readyAt) {
        return jdbc.sql("""
                insert into pcpsim_operazione (id_appalto, id_scheda, codice_scheda, tipo, esito, dettaglio, motivazione,
                    created_at, ready_at, checked_at)
                values (:appalto, :scheda, :codice, :tipo, :esito, :dettaglio, :motivazione, :now, :ready, :now)
                returning id""")
                .param("appalto", idAppalto).param("scheda", idScheda).param("codice", codiceScheda).param("tipo", tipo)
                .param("esito", esito).param("dettaglio", dettaglio).param("motivazione", motivazione)
                .param("now", Timestamp.from(now)).param("ready", Timestamp.from(readyAt))
                .query(Long.class).single();
    }

    /** Whether some operation of the appalto waits for evaluation and is due: read without locking. */
    public boolean hasDue(UUID idAppalto, Instant now) {
        return jdbc.sql("select count(*) from pcpsim_operazione where id_appalto = :appalto and esito = 'WT' and ready_at <= :now")
                .param("appalto", idAppalto).param("now", Timestamp.from(now)).query(Long.class).single() > 0;
    }

    /** The due operations of the appalto, oldest first; call with the appalto locked. */
    public List<Operation> due(UUID idAppalto, Instant now) {
        return jdbc.sql("""
                select * from pcpsim_operazione where id_appalto = :appalto and esito = 'WT' and ready_at <= :now
                order by id""")
                .param("appalto", idAppalto).param("now", Timestamp.from(now)).query(SimulatorStore::operation).list();
    }

    /** The operations of the appalto still waiting (WT), of any type. */
    public List<Operation> pending(UUID idAppalto) {
        return jdbc.sql("select * from pcpsim_operazione where id_appalto = :appalto and esito = 'WT' order by id")
                .param("appalto", idAppalto).query(SimulatorStore::operation).list();
    }

    public void complete(long id, String esito, String dettaglio, ArrayNode errori, UUID idContratto, UUID idAvviso,
            Instant now) {
        jdbc.sql("""
                update pcpsim_operazione set esito = :esito, dettaglio = :dettaglio, errori = cast(:errori as jsonb),
                    id_contratto = :contratto, id_avviso = :avviso, checked_at = :now
                where id = :id and esito = 'WT'""")
                .param("id", id).param("esito", esito).param("dettaglio", dettaglio)
                .param("errori", JSON.writeValueAsString(errori)).param("contratto", idContratto)
                .param("avviso", idAvviso).param("now", Timestamp.from(now)).update();
    }

    /** The outcomes of one operation type for the appalto, newest first, optionally of one esito. */
    public List<Operation> outcomes(UUID idAppalto, String tipo, String esito, int limit) {
        return jdbc.sql("""
                select * from pcpsim_operazione
                where id_appalto = :appalto and tipo = :tipo and (cast(:esito as text) is null or esito = :esito)
                order by id desc limit :limit""")
                .param("appalto", idAppalto).param("tipo", tipo).param("esito", esito).param("limit", limit)
                .query(SimulatorStore::operation).list();
    }

    // ---------------------------------------------------------------- row mapping

    private static StoredScheda scheda(ResultSet rs, int row) throws SQLException {
        return new StoredScheda(rs.getObject("id_scheda", UUID.class), rs.getObject("id_appalto", UUID.class),
                rs.getString("codice"), rs.getString("versione"), JSON.readTree(rs.getString("scheda")),
                rs.getString("stato"), rs.getObject("id_contratto", UUID.class), instant(rs, "created_at"),
                instant(rs, "modified_at"));
    }

    private static Operation operation(ResultSet rs, int row) throws SQLException {
        return new Operation(rs.getLong("id"), rs.getObject("id_appalto", UUID.class),
                rs.getObject("id_scheda", UUID.class), rs.getString("codice_scheda"), rs.getString("tipo"),
                rs.getString("esito"), rs.getString("dettaglio"), (ArrayNode) JSON.readTree(rs.getString("errori")),
                rs.getObject("id_contratto", UUID.class), rs.getObject("id_avviso", UUID.class),
                rs.getString("motivazione"), instant(rs, "created_at"), instant(rs, "ready_at"),
                instant(rs, "checked_at"));
    }

    private static Contract contract(ResultSet rs, int row) throws SQLException {
        Array cig = rs.getArray("cig");
        List<String> cigs = cig == null ? List.of() : new ArrayList<>(Arrays.asList((String[]) cig.getArray()));
        return new Contract(rs.getObject("id_contratto", UUID.class), rs.getObject("id_appalto", UUID.class),
                rs.getObject("id_scheda_sc1", UUID.class), rs.getString("stato"), List.copyOf(cigs),
                instant(rs, "updated_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
