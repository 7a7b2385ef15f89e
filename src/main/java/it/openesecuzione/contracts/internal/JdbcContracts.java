package it.openesecuzione.contracts.internal;

import it.openesecuzione.contracts.Contract;
import it.openesecuzione.contracts.ContractPage;
import it.openesecuzione.contracts.ContractQuery;
import it.openesecuzione.contracts.ContractSummary;
import it.openesecuzione.contracts.ContractTerms;
import it.openesecuzione.contracts.Contracts;
import it.openesecuzione.contracts.Lot;
import it.openesecuzione.contracts.OperatoreEconomico;
import it.openesecuzione.contracts.Procedura;
import it.openesecuzione.contracts.RtiMember;
import it.openesecuzione.contracts.Settore;
import it.openesecuzione.contracts.StatoContratto;
import it.openesecuzione.contracts.Tipologia;
import it.openesecuzione.shared.Cig;
import it.openesecuzione.shared.CodiceFiscale;
import it.openesecuzione.shared.Cup;
import it.openesecuzione.shared.Money;
import it.openesecuzione.shared.PartitaIva;
import it.openesecuzione.shared.Percentage;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class JdbcContracts implements Contracts {

    private static final Pattern CIG_LIKE = Pattern.compile("[0-9A-Za-z]{10}");
    private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{N}]+");

    private final JdbcClient jdbc;

    JdbcContracts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public long insert(long authorityId, String region, ContractTerms terms, Instant now) {
        long id = jdbc.sql("""
                insert into contract (authority_id, region, oggetto, tipologia, settore, sopra_soglia, concessione,
                    procedura, importo_base_gara, ribasso, importo_contrattuale, oneri_sicurezza, durata_giorni, cup,
                    oe_denominazione, oe_codice_fiscale, oe_partita_iva, rti, id_appalto, id_contratto,
                    created_at, updated_at)
                values (:authority, :region, :oggetto, :tipologia, :settore, :sopraSoglia, :concessione, :procedura,
                    :base, :ribasso, :importo, :oneri, :durata, :cup, :oeNome, :oeCf, :oePiva, :rti, :idAppalto,
                    :idContratto, :now, :now)
                returning id""")
                .params(columns(terms))
                .param("authority", authorityId)
                .param("region", region)
                .param("now", Timestamp.from(now))
                .query(Long.class).single();
        insertChildren(id, authorityId, terms);
        return id;
    }

    @Override
    public boolean update(long id, int expectedVersion, ContractTerms terms, Instant now) {
        int updated = jdbc.sql("""
                update contract set oggetto = :oggetto, tipologia = :tipologia, settore = :settore,
                    sopra_soglia = :sopraSoglia, concessione = :concessione, procedura = :procedura,
                    importo_base_gara = :base, ribasso = :ribasso, importo_contrattuale = :importo,
                    oneri_sicurezza = :oneri, durata_giorni = :durata, cup = :cup, oe_denominazione = :oeNome,
                    oe_codice_fiscale = :oeCf, oe_partita_iva = :oePiva, rti = :rti, id_appalto = :idAppalto,
                    id_contratto = :idContratto, updated_at = :now, version = version + 1
                where id = :id and version = :version""")
                .params(columns(terms))
                .param("now", Timestamp.from(now))
                .param("id", id)
                .param("version", expectedVersion)
                .update();
        if (updated == 0) {
            return false;
        }
        long authorityId = jdbc.sql("select authority_id from contract where id = ?").param(id).query(Long.class).single();
        jdbc.sql("delete from contract_lot where contract_id = ?").param(id).update();
        jdbc.sql("delete from contract_rti_member where contract_id = ?").param(id).update();
        jdbc.sql("delete from contract_assignment where contract_id = ?").param(id).update();
        insertChildren(id, authorityId, terms);
        return true;
    }

    private static Map<String, Object> columns(ContractTerms terms) {
        Map<String, Object> columns = new HashMap<>();
        columns.put("oggetto", terms.oggetto());
        columns.put("tipologia", terms.tipologia().name());
        columns.put("settore", terms.settore().name());
        columns.put("sopraSoglia", terms.sopraSoglia());
        columns.put("concessione", terms.concessione());
        columns.put("procedura", terms.procedura().name());
        columns.put("base", terms.importoBaseGara().amount());
        columns.put("ribasso", terms.ribasso().value());
        columns.put("importo", terms.importoContrattuale().amount());
        columns.put("oneri", terms.oneriSicurezza().amount());
        columns.put("durata", terms.durataGiorni());
        columns.put("cup", terms.cup() == null ? null : terms.cup().value());
        columns.put("oeNome", terms.aggiudicatario().denominazione());
        columns.put("oeCf", terms.aggiudicatario().codiceFiscale().value());
        columns.put("oePiva", terms.aggiudicatario().partitaIva() == null ? null : terms.aggiudicatario().partitaIva().value());
        columns.put("rti", terms.isRti());
        columns.put("idAppalto", terms.idAppalto());
        columns.put("idContratto", terms.idContratto());
        return columns;
    }

    private void insertChildren(long id, long authorityId, ContractTerms terms) {
        for (int i = 0; i < terms.lotti().size(); i++) {
            Lot lot = terms.lotti().get(i);
            jdbc.sql("insert into contract_lot (contract_id, authority_id, position, cig, descrizione) values (?, ?, ?, ?, ?)")
                    .params(id, authorityId, i, lot.cig().value(), lot.descrizione()).update();
        }
        for (int i = 0; i < terms.rti().size(); i++) {
            RtiMember member = terms.rti().get(i);
            jdbc.sql("""
                    insert into contract_rti_member (contract_id, authority_id, position, denominazione, codice_fiscale,
                                                     ruolo, quota) values (?, ?, ?, ?, ?, ?, ?)""")
                    .params(id, authorityId, i, member.denominazione(), member.codiceFiscale().value(),
                            member.ruolo().name(), member.quota())
                    .update();
        }
        assign(id, authorityId, "RUP", terms.rupId());
        assign(id, authorityId, terms.tipologia() == Tipologia.LAVORI ? "DL" : "DEC", terms.direttoreId());
        assign(id, authorityId, "COLLAUDATORE", terms.collaudatoreId());
        assign(id, authorityId, "DRP3", terms.delegatoId());
    }

    private void assign(long contractId, long authorityId, String role, Long userId) {
        if (userId != null) {
            jdbc.sql("insert into contract_assignment (contract_id, authority_id, role, user_id) values (?, ?, ?, ?)")
                    .params(contractId, authorityId, role, userId).update();
        }
    }

    @Override
    public void assignIdContratto(long id, UUID idContratto, Instant now) {
        jdbc.sql("update contract set id_contratto = ?, updated_at = ?, version = version + 1 where id = ?")
                .params(idContratto, Timestamp.from(now), id).update();
    }

    @Override
    public void changeState(long id, StatoContratto state, Instant now) {
        jdbc.sql("update contract set stato = ?, updated_at = ?, version = version + 1 where id = ?")
                .params(state.name(), Timestamp.from(now), id).update();
    }

    @Override
    public Optional<Contract> find(long id) {
        List<Lot> lots = jdbc.sql("select cig, descrizione from contract_lot where contract_id = ? order by position")
                .param(id).query((row, n) -> new Lot(new Cig(row.getString("cig")), row.getString("descrizione"))).list();
        List<RtiMember> members = jdbc.sql("""
                select denominazione, codice_fiscale, ruolo, quota from contract_rti_member
                where contract_id = ? order by position""")
                .param(id)
                .query((row, n) -> new RtiMember(row.getString("denominazione"), new CodiceFiscale(row.getString("codice_fiscale")),
                        RtiMember.Ruolo.valueOf(row.getString("ruolo")), row.getBigDecimal("quota")))
                .list();
        Map<String, Long> assignments = jdbc.sql("select role, user_id from contract_assignment where contract_id = ?")
                .param(id).query((row, n) -> Map.entry(row.getString("role"), row.getLong("user_id"))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a));
        return jdbc.sql("select * from contract where id = ?").param(id)
                .query((row, n) -> contract(row, lots, members, assignments)).optional();
    }

    private static Contract contract(ResultSet row, List<Lot> lots, List<RtiMember> members, Map<String, Long> assignments)
            throws SQLException {
        Tipologia tipologia = Tipologia.valueOf(row.getString("tipologia"));
        String partitaIva = row.getString("oe_partita_iva");
        ContractTerms terms = new ContractTerms(
                row.getString("oggetto"), tipologia, Settore.valueOf(row.getString("settore")),
                row.getBoolean("sopra_soglia"), row.getBoolean("concessione"), Procedura.valueOf(row.getString("procedura")),
                Money.of(row.getBigDecimal("importo_base_gara")), Percentage.of(row.getBigDecimal("ribasso")),
                Money.of(row.getBigDecimal("importo_contrattuale")), Money.of(row.getBigDecimal("oneri_sicurezza")),
                row.getInt("durata_giorni"), row.getString("cup") == null ? null : new Cup(row.getString("cup")), lots,
                new OperatoreEconomico(row.getString("oe_denominazione"), new CodiceFiscale(row.getString("oe_codice_fiscale")),
                        partitaIva == null ? null : new PartitaIva(partitaIva)),
                members, assignments.getOrDefault("RUP", 0L),
                assignments.get(tipologia == Tipologia.LAVORI ? "DL" : "DEC"), assignments.get("COLLAUDATORE"),
                assignments.get("DRP3"), row.getObject("id_appalto", UUID.class), row.getObject("id_contratto", UUID.class));
        return new Contract(row.getLong("id"), row.getLong("authority_id"), row.getString("region"), terms,
                StatoContratto.valueOf(row.getString("stato")), row.getInt("version"),
                row.getTimestamp("created_at").toInstant(), row.getTimestamp("updated_at").toInstant());
    }

    @Override
    public ContractPage search(ContractQuery query, Long authorityId, String region) {
        StringBuilder where = new StringBuilder(" where true");
        Map<String, Object> params = new HashMap<>();
        if (authorityId != null) {
            where.append(" and c.authority_id = :authority");
            params.put("authority", authorityId);
        } else if (region != null) {
            where.append(" and c.region = :region");
            params.put("region", region);
        }
        if (query.tipologia() != null) {
            where.append(" and c.tipologia = :tipologia");
            params.put("tipologia", query.tipologia().name());
        }
        if (query.stato() != null) {
            where.append(" and c.stato = :stato");
            params.put("stato", query.stato().name());
        }
        if (query.text() != null) {
            String text = query.text();
            String code = text.toUpperCase(java.util.Locale.ROOT);
            if (CIG_LIKE.matcher(text).matches() && Cig.isValid(text)) {
                where.append(" and c.id in (select l.contract_id from contract_lot l where l.cig = :cig)");
                params.put("cig", code);
            } else if (Cup.isValid(code)) {
                where.append(" and c.cup = :cup");
                params.put("cup", code);
            } else if (CodiceFiscale.isValid(code)) {
                where.append(" and c.oe_codice_fiscale = :cf");
                params.put("cf", new CodiceFiscale(code).value());
            } else {
                String tsquery = prefixQuery(text);
                if (tsquery.isEmpty()) {
                    return new ContractPage(List.of(), query.page(), query.size(), 0, false);
                }
                List<Long> ids = textMatches(tsquery, authorityId, region, query);
                if (ids.size() <= ContractPage.COUNT_LIMIT) {
                    // Few enough: page through the matched ids, already counted.
                    where.append(" and c.id = any(:ids)");
                    params.put("ids", ids.toArray(Long[]::new));
                    return page(where, params, query, ids.size());
                }
                // Broad search: walk the contracts newest first, the policies and the match on each row.
                where.append(" and (c.search @@ to_tsquery('italian', :q) or c.search @@ to_tsquery('simple', :q))");
                params.put("q", tsquery);
                return page(where, params, query, ContractPage.COUNT_LIMIT + 1);
            }
        }
        return page(where, params, query, -1);
    }

    /**
     * The ids of up to {@code COUNT_LIMIT + 1} contracts matching the text, through the database
     * function that can use the full-text index (see migration V5), in the same scope.
     */
    private List<Long> textMatches(String tsquery, Long authorityId, String region, ContractQuery query) {
        return jdbc.sql("""
                select * from oe_contract_text_search(to_tsquery('italian', :q), to_tsquery('simple', :q),
                                                      :authority, :region, :tipologia, :stato, :limit)""")
                .param("q", tsquery)
                .param("authority", authorityId, java.sql.Types.BIGINT)
                .param("region", region, java.sql.Types.VARCHAR)
                .param("tipologia", query.tipologia() == null ? null : query.tipologia().name(), java.sql.Types.VARCHAR)
                .param("stato", query.stato() == null ? null : query.stato().name(), java.sql.Types.VARCHAR)
                .param("limit", ContractPage.COUNT_LIMIT + 1)
                .query(Long.class).list();
    }

    /** One page in id order; {@code knownTotal} is the count when already known, -1 to count. */
    private ContractPage page(StringBuilder where, Map<String, Object> params, ContractQuery query, long knownTotal) {
        List<ContractSummary> items = jdbc.sql("""
                select c.id, c.authority_id, c.cup, c.oggetto, c.tipologia, c.oe_denominazione, c.importo_contrattuale,
                       c.stato, array(select l.cig from contract_lot l where l.contract_id = c.id order by l.position) cigs
                from contract c""" + where + " order by c.id desc limit :limit offset :offset")
                .params(params)
                .param("limit", query.size())
                .param("offset", (long) query.page() * query.size())
                .query((row, n) -> new ContractSummary(row.getLong("id"), row.getLong("authority_id"), strings(row.getArray("cigs")),
                        row.getString("cup"), row.getString("oggetto"), Tipologia.valueOf(row.getString("tipologia")),
                        row.getString("oe_denominazione"), Money.of(row.getBigDecimal("importo_contrattuale")),
                        StatoContratto.valueOf(row.getString("stato"))))
                .list();
        long total;
        if (knownTotal >= 0) {
            total = knownTotal;
        } else if (query.page() == 0 && items.size() < query.size()) {
            total = items.size();
        } else {
            total = jdbc.sql("select count(*) from (select 1 from contract c" + where + " limit " + (ContractPage.COUNT_LIMIT + 1) + ") x")
                    .params(params).query(Long.class).single();
        }
        boolean capped = total > ContractPage.COUNT_LIMIT;
        return new ContractPage(items, query.page(), query.size(), Math.min(total, ContractPage.COUNT_LIMIT), capped);
    }

    /** "manutenzione strade" → "manutenzione:* & strade:*": every word, as a prefix. */
    static String prefixQuery(String text) {
        List<String> terms = new ArrayList<>();
        TOKEN.matcher(text.toLowerCase()).results().map(m -> m.group()).limit(8).forEach(t -> terms.add(t + ":*"));
        return String.join(" & ", terms);
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    @Override
    public Optional<Long> findByCig(long authorityId, String cig) {
        return jdbc.sql("select contract_id from contract_lot where authority_id = ? and cig = ?")
                .params(authorityId, cig).query(Long.class).optional();
    }
}
