package it.openesecuzione.accounting;

import it.openesecuzione.shared.Money;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The accounting tables, in plain SQL. Callers hold the transaction. */
@Repository
class AccountingStore {

    private final JdbcClient jdbc;

    AccountingStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // --- settings

    Optional<AccountingSettings> settings(long contractId) {
        return jdbc.sql("select * from accounting_settings where contract_id = ?").param(contractId)
                .query((rs, n) -> new AccountingSettings(rs.getBigDecimal("vat_percent"), rs.getBigDecimal("penalty_per_mille"),
                        rs.getBigDecimal("advance_percent"), rs.getInt("certificate_days"), rs.getInt("payment_days"),
                        rs.getInt("version"))).optional();
    }

    /** Saves the settings if nobody changed them since {@code expected.version()}; false otherwise. */
    boolean saveSettings(long contractId, long authorityId, AccountingSettings s, Instant now) {
        if (s.version() == 0 && settings(contractId).isEmpty()) {
            return jdbc.sql("""
                    insert into accounting_settings (contract_id, authority_id, vat_percent, penalty_per_mille, advance_percent,
                                                     certificate_days, payment_days, version, updated_at)
                    values (?, ?, ?, ?, ?, ?, ?, 1, ?) on conflict (contract_id) do nothing""")
                    .params(contractId, authorityId, s.vatPercent(), s.penaltyPerMille(), s.advancePercent(), s.certificateDays(),
                            s.paymentDays(), Timestamp.from(now)).update() == 1;
        }
        return jdbc.sql("""
                update accounting_settings set vat_percent = ?, penalty_per_mille = ?, advance_percent = ?, certificate_days = ?,
                       payment_days = ?, version = version + 1, updated_at = ?
                where contract_id = ? and version = ?""")
                .params(s.vatPercent(), s.penaltyPerMille(), s.advancePercent(), s.certificateDays(), s.paymentDays(),
                        Timestamp.from(now), contractId, s.version()).update() == 1;
    }

    // --- price list

    List<PriceItem> items(long contractId) {
        return jdbc.sql("select * from price_item where contract_id = ? order by position, id").param(contractId)
                .query(AccountingStore::item).list();
    }

    Optional<PriceItem> item(long contractId, long itemId) {
        return jdbc.sql("select * from price_item where contract_id = ? and id = ?").params(contractId, itemId)
                .query(AccountingStore::item).optional();
    }

    Optional<Long> itemIdByCode(long contractId, String code) {
        return jdbc.sql("select id from price_item where contract_id = ? and code = ?").params(contractId, code)
                .query(Long.class).optional();
    }

    long insertItem(long contractId, long authorityId, PriceItem item) {
        return jdbc.sql("""
                insert into price_item (contract_id, authority_id, position, code, description, unit, unit_price, quantity,
                                        subject_to_discount)
                values (?, ?, (select coalesce(max(position), 0) + 1 from price_item where contract_id = ?), ?, ?, ?, ?, ?, ?)
                returning id""")
                .params(contractId, authorityId, contractId, item.code(), item.description(), item.unit(), item.unitPrice(),
                        item.quantity(), item.subjectToDiscount()).query(Long.class).single();
    }

    /** Many items at once (imports): one batch, positions after the last. */
    void insertItems(long contractId, long authorityId, List<PriceItem> items) {
        int start = jdbc.sql("select coalesce(max(position), 0) from price_item where contract_id = ?").param(contractId)
                .query(Integer.class).single();
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            PriceItem item = items.get(i);
            rows.add(new Object[] {contractId, authorityId, start + i + 1, item.code(), item.description(), item.unit(),
                item.unitPrice(), item.quantity(), item.subjectToDiscount()});
        }
        for (Object[] row : rows) {
            jdbc.sql("""
                    insert into price_item (contract_id, authority_id, position, code, description, unit, unit_price, quantity,
                                            subject_to_discount) values (?, ?, ?, ?, ?, ?, ?, ?, ?)""").params(row).update();
        }
    }

    void updateItem(long contractId, PriceItem item) {
        jdbc.sql("""
                update price_item set code = ?, description = ?, unit = ?, unit_price = ?, quantity = ?, subject_to_discount = ?,
                       version = version + 1
                where contract_id = ? and id = ?""")
                .params(item.code(), item.description(), item.unit(), item.unitPrice(), item.quantity(), item.subjectToDiscount(),
                        contractId, item.id()).update();
    }

    void deleteItem(long contractId, long itemId) {
        jdbc.sql("delete from price_item where contract_id = ? and id = ?").params(contractId, itemId).update();
    }

    boolean itemUsed(long itemId) {
        return jdbc.sql("select exists (select 1 from measurement where item_id = ?)").param(itemId).query(Boolean.class).single();
    }

    /** Whether a recorded SAL counts the item: its price is then fixed. */
    boolean itemInSal(long itemId) {
        return jdbc.sql("select exists (select 1 from sal_line where item_id = ?)").param(itemId).query(Boolean.class).single();
    }

    private static PriceItem item(ResultSet rs, int n) throws SQLException {
        return new PriceItem(rs.getLong("id"), rs.getString("code"), rs.getString("description"), rs.getString("unit"),
                rs.getBigDecimal("unit_price"), rs.getBigDecimal("quantity"), rs.getBoolean("subject_to_discount"));
    }

    // --- site diary

    List<DiaryEntry> diary(long contractId) {
        return jdbc.sql("select * from site_diary_entry where contract_id = ? order by entry_date, id").param(contractId)
                .query((rs, n) -> new DiaryEntry(rs.getLong("id"), rs.getDate("entry_date").toLocalDate(), rs.getString("weather"),
                        rs.getString("workforce"), rs.getString("notes"), rs.getString("recorded_by"),
                        rs.getTimestamp("recorded_at").toInstant())).list();
    }

    long insertDiary(long contractId, long authorityId, DiaryEntry e) {
        return jdbc.sql("""
                insert into site_diary_entry (contract_id, authority_id, entry_date, weather, workforce, notes, recorded_by, recorded_at)
                values (?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(contractId, authorityId, Date.valueOf(e.date()), e.weather(), e.workforce(), e.notes(), e.recordedBy(),
                        Timestamp.from(e.recordedAt())).query(Long.class).single();
    }

    // --- measurement book

    private static final String MEASUREMENT = """
            select m.*, s.number as sal_number from measurement m left join sal s on s.id = m.sal_id
            where m.contract_id = ?""";

    List<Measurement> measurements(long contractId) {
        return jdbc.sql(MEASUREMENT + " order by m.entry_date, m.id").param(contractId).query(AccountingStore::measurement).list();
    }

    Optional<Measurement> measurement(long contractId, long id) {
        return jdbc.sql(MEASUREMENT + " and m.id = ?").params(contractId, id).query(AccountingStore::measurement).optional();
    }

    /** The entries a SAL at {@code date} includes: those of earlier SALs and the free ones up to the date. */
    List<Measurement> measurementsUpTo(long contractId, LocalDate date) {
        return jdbc.sql(MEASUREMENT + " and (m.sal_id is not null or m.entry_date <= ?)").params(contractId, Date.valueOf(date))
                .query(AccountingStore::measurement).list();
    }

    long insertMeasurement(long contractId, long authorityId, Measurement m, String by, Instant at) {
        return jdbc.sql("""
                insert into measurement (contract_id, authority_id, item_id, entry_date, description, parts, length, width, height,
                                         quantity, notes, recorded_by, recorded_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(contractId, authorityId, m.itemId(), Date.valueOf(m.date()), m.description(), m.parts(), m.length(),
                        m.width(), m.height(), m.quantity(), m.notes(), by, Timestamp.from(at)).query(Long.class).single();
    }

    /** Deletes a free entry; false when it is locked in a SAL (or gone). */
    boolean deleteFreeMeasurement(long contractId, long id) {
        return jdbc.sql("delete from measurement where contract_id = ? and id = ? and sal_id is null").params(contractId, id).update() == 1;
    }

    private static Measurement measurement(ResultSet rs, int n) throws SQLException {
        int sal = rs.getInt("sal_number");
        Integer salNumber = rs.wasNull() ? null : sal;
        return new Measurement(rs.getLong("id"), rs.getLong("item_id"), rs.getDate("entry_date").toLocalDate(),
                rs.getString("description"), rs.getBigDecimal("parts"), rs.getBigDecimal("length"), rs.getBigDecimal("width"),
                rs.getBigDecimal("height"), rs.getBigDecimal("quantity"), rs.getString("notes"), salNumber);
    }

    // --- SAL

    record StoredSal(long id, SalStatement statement, String recordedBy, Instant recordedAt) {
    }

    /** Every SAL of the contract, in order, each with its lines and the previous one's totals. */
    List<StoredSal> sals(long contractId) {
        List<Object[]> headers = jdbc.sql("select * from sal where contract_id = ? order by number").param(contractId)
                .query((rs, n) -> new Object[] {rs.getLong("id"), rs.getInt("number"), rs.getDate("sal_date").toLocalDate(),
                    SalBasis.valueOf(rs.getString("basis")), rs.getBoolean("final_statement"), rs.getBigDecimal("percentage"),
                    new Totals(Money.of(rs.getBigDecimal("gross_discountable")), Money.of(rs.getBigDecimal("discount")),
                            Money.of(rs.getBigDecimal("safety")), Money.of(rs.getBigDecimal("net_works"))),
                    rs.getString("recorded_by"), rs.getTimestamp("recorded_at").toInstant()}).list();
        Map<Long, List<SalLine>> lines = new HashMap<>();
        if (!headers.isEmpty()) {
            jdbc.sql("""
                    select l.*, s.number, i.code, i.description, i.unit, i.unit_price, i.subject_to_discount, i.position
                    from sal_line l join sal s on s.id = l.sal_id join price_item i on i.id = l.item_id
                    where s.contract_id = ? order by s.number, i.position, i.id""").param(contractId)
                    .query(rs -> {
                        lines.computeIfAbsent(rs.getLong("sal_id"), k -> new ArrayList<>()).add(new SalLine(rs.getLong("item_id"),
                                rs.getString("code"), rs.getString("description"), rs.getString("unit"), rs.getBigDecimal("unit_price"),
                                rs.getBoolean("subject_to_discount"), BigDecimal.ZERO, rs.getBigDecimal("cumulative_quantity"),
                                Money.ZERO, Money.of(rs.getBigDecimal("cumulative_amount")), rs.getInt("entries")));
                    });
        }
        List<StoredSal> sals = new ArrayList<>();
        SalStatement previous = null;
        for (Object[] h : headers) {
            Map<Long, SalLine> before = new HashMap<>();
            if (previous != null) {
                previous.lines().forEach(line -> before.put(line.itemId(), line));
            }
            List<SalLine> withPrevious = new ArrayList<>();
            for (SalLine line : lines.getOrDefault((Long) h[0], List.of())) {
                SalLine earlier = before.get(line.itemId());
                withPrevious.add(new SalLine(line.itemId(), line.code(), line.description(), line.unit(), line.unitPrice(),
                        line.subjectToDiscount(), earlier == null ? BigDecimal.ZERO.setScale(3) : earlier.cumulativeQuantity(),
                        line.cumulativeQuantity(), earlier == null ? Money.ZERO : earlier.cumulativeAmount(),
                        line.cumulativeAmount(), line.entries()));
            }
            SalStatement statement = new SalStatement((Integer) h[1], (LocalDate) h[2], (SalBasis) h[3], (Boolean) h[4],
                    (BigDecimal) h[5], withPrevious, (Totals) h[6], previous == null ? Totals.ZERO : previous.cumulative());
            sals.add(new StoredSal((Long) h[0], statement, (String) h[7], (Instant) h[8]));
            previous = statement;
        }
        return sals;
    }

    long insertSal(long contractId, long authorityId, SalStatement sal, String by, Instant at) {
        Totals t = sal.cumulative();
        long id = jdbc.sql("""
                insert into sal (contract_id, authority_id, number, sal_date, basis, final_statement, percentage, gross_discountable,
                                 discount, safety, net_works, recorded_by, recorded_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(contractId, authorityId, sal.number(), Date.valueOf(sal.date()), sal.basis().name(), sal.finalStatement(),
                        sal.percentage(), t.grossDiscountable().amount(), t.discount().amount(), t.safety().amount(),
                        t.netWorks().amount(), by, Timestamp.from(at)).query(Long.class).single();
        for (SalLine line : sal.lines()) {
            jdbc.sql("""
                    insert into sal_line (sal_id, item_id, authority_id, cumulative_quantity, cumulative_amount, entries)
                    values (?, ?, ?, ?, ?, ?)""")
                    .params(id, line.itemId(), authorityId, line.cumulativeQuantity(), line.cumulativeAmount().amount(), line.entries())
                    .update();
        }
        return id;
    }

    /**
     * Locks into the SAL exactly the free entries it was computed from (by id, not by date: an entry
     * written meanwhile by someone else stays free for the next SAL). The number of entries locked.
     */
    int lockMeasurements(long contractId, long salId, List<Long> ids) {
        if (ids.isEmpty()) {
            return 0;
        }
        // Bound as a real bigint[]: a text cast to bigint[] is re-parsed for every row scanned (20,000 ids took 30 s).
        return jdbc.sql("update measurement set sal_id = ? where contract_id = ? and sal_id is null and id = any (?)")
                .params(salId, contractId, ids.toArray(Long[]::new)).update();
    }

    /** Takes the SAL's row lock: issuing its certificate and withdrawing it exclude each other. */
    void lockSal(long salId) {
        jdbc.sql("select id from sal where id = ? for update").param(salId).query(Long.class).optional();
    }

    void deleteSal(long contractId, long salId) {
        jdbc.sql("update measurement set sal_id = null where contract_id = ? and sal_id = ?").params(contractId, salId).update();
        jdbc.sql("update milestone set sal_id = null where contract_id = ? and sal_id = ?").params(contractId, salId).update();
        jdbc.sql("delete from sal where contract_id = ? and id = ?").params(contractId, salId).update();
    }

    // --- milestones

    List<Milestone> milestones(long contractId) {
        return jdbc.sql("""
                select m.*, s.number as sal_number from milestone m left join sal s on s.id = m.sal_id
                where m.contract_id = ? order by m.position, m.id""").param(contractId)
                .query((rs, n) -> {
                    int sal = rs.getInt("sal_number");
                    Integer salNumber = rs.wasNull() ? null : sal;
                    return new Milestone(rs.getLong("id"), rs.getInt("position"), rs.getString("description"),
                            rs.getBigDecimal("percentage"), salNumber);
                }).list();
    }

    long insertMilestone(long contractId, long authorityId, String description, BigDecimal percentage) {
        return jdbc.sql("""
                insert into milestone (contract_id, authority_id, position, description, percentage)
                values (?, ?, (select coalesce(max(position), 0) + 1 from milestone where contract_id = ?), ?, ?) returning id""")
                .params(contractId, authorityId, contractId, description, percentage).query(Long.class).single();
    }

    void reachMilestones(long contractId, long salId, List<Long> ids) {
        for (long id : ids) {
            jdbc.sql("update milestone set sal_id = ? where contract_id = ? and id = ? and sal_id is null").params(salId, contractId, id)
                    .update();
        }
    }

    // --- certificates

    List<PaymentCertificate> certificates(long contractId) {
        return jdbc.sql("""
                select c.*, s.number as sal_number from payment_certificate c left join sal s on s.id = c.sal_id
                where c.contract_id = ? order by c.issue_date, c.id""").param(contractId)
                .query((rs, n) -> {
                    int sal = rs.getInt("sal_number");
                    Integer salNumber = rs.wasNull() ? null : sal;
                    int seq = rs.getInt("execution_seq");
                    Integer executionSeq = rs.wasNull() ? null : seq;
                    Date paid = rs.getDate("paid_on");
                    return new PaymentCertificate(rs.getLong("id"), CertificateKind.valueOf(rs.getString("kind")), salNumber,
                            rs.getInt("number"), rs.getDate("issue_date").toLocalDate(), rs.getDate("due_date").toLocalDate(),
                            new CertificateFigures(Money.of(rs.getBigDecimal("net_works")), Money.of(rs.getBigDecimal("withholding")),
                                    Money.of(rs.getBigDecimal("advance_recovered")), Money.of(rs.getBigDecimal("previous_payments")),
                                    Money.of(rs.getBigDecimal("amount")), rs.getBigDecimal("vat_percent"), Money.of(rs.getBigDecimal("vat"))),
                            Money.of(rs.getBigDecimal("penalties")), paid == null ? null : paid.toLocalDate(), executionSeq);
                }).list();
    }

    long insertCertificate(long contractId, long authorityId, CertificateKind kind, Long salId, int number, LocalDate issued,
            LocalDate due, CertificateFigures f, Money penalties, String by, Instant at) {
        return jdbc.sql("""
                insert into payment_certificate (contract_id, authority_id, kind, sal_id, number, issue_date, due_date, net_works,
                       withholding, advance_recovered, previous_payments, penalties, amount, vat_percent, vat, recorded_by, recorded_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(contractId, authorityId, kind.name(), salId, number, Date.valueOf(issued), Date.valueOf(due),
                        f.netWorks().amount(), f.withholding().amount(), f.advanceRecovered().amount(), f.previousPayments().amount(),
                        penalties.amount(), f.amount().amount(), f.vatPercent(), f.vat().amount(), by, Timestamp.from(at))
                .query(Long.class).single();
    }

    void linkExecutionEvent(long certificateId, int seq) {
        jdbc.sql("update payment_certificate set execution_seq = ? where id = ?").params(seq, certificateId).update();
    }

    boolean markPaid(long contractId, long certificateId, LocalDate paidOn) {
        return jdbc.sql("update payment_certificate set paid_on = ? where contract_id = ? and id = ? and paid_on is null")
                .params(Date.valueOf(paidOn), contractId, certificateId).update() == 1;
    }

    // --- advance

    Optional<AdvancePayment> advance(long contractId) {
        return jdbc.sql("select * from advance_payment where contract_id = ?").param(contractId)
                .query((rs, n) -> {
                    long certificate = rs.getLong("certificate_id");
                    Long certificateId = rs.wasNull() ? null : certificate;
                    return new AdvancePayment(rs.getBigDecimal("percent"), Money.of(rs.getBigDecimal("amount")),
                            Money.of(rs.getBigDecimal("contract_amount")), rs.getString("guarantor"), rs.getString("guarantee_number"),
                            Money.of(rs.getBigDecimal("guarantee_amount")), rs.getDate("guarantee_date").toLocalDate(),
                            certificateId);
                }).optional();
    }

    void insertAdvance(long contractId, long authorityId, AdvancePayment a, String by, Instant at) {
        jdbc.sql("""
                insert into advance_payment (contract_id, authority_id, percent, amount, contract_amount, guarantor, guarantee_number,
                                             guarantee_amount, guarantee_date, certificate_id, recorded_by, recorded_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(contractId, authorityId, a.percent(), a.amount().amount(), a.contractAmount().amount(), a.guarantor(),
                        a.guaranteeNumber(), a.guaranteeAmount().amount(), Date.valueOf(a.guaranteeDate()), a.certificateId(), by,
                        Timestamp.from(at)).update();
    }

    // --- price revisions

    List<PriceRevision> revisions(long contractId) {
        return jdbc.sql("select * from price_revision where contract_id = ? order by revision_date, id").param(contractId)
                .query((rs, n) -> {
                    int seq = rs.getInt("execution_seq");
                    Integer executionSeq = rs.wasNull() ? null : seq;
                    PriceRevisionCalculation calc = PriceRevisionCalculation.of(rs.getBoolean("works"),
                            Money.of(rs.getBigDecimal("basis")), rs.getBigDecimal("base_index"), rs.getBigDecimal("current_index"));
                    return new PriceRevision(rs.getLong("id"), rs.getDate("revision_date").toLocalDate(), rs.getString("index_name"),
                            calc, executionSeq);
                }).list();
    }

    long insertRevision(long contractId, long authorityId, LocalDate date, String indexName, PriceRevisionCalculation c,
            Integer executionSeq, String by, Instant at) {
        return jdbc.sql("""
                insert into price_revision (contract_id, authority_id, revision_date, index_name, works, basis, base_index,
                                            current_index, variation_percent, amount, execution_seq, recorded_by, recorded_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(contractId, authorityId, Date.valueOf(date), indexName, c.works(), c.basis().amount(), c.baseIndex(),
                        c.currentIndex(), c.variationPercent(), c.amount().amount(), executionSeq, by, Timestamp.from(at))
                .query(Long.class).single();
    }

    // --- legal rates

    List<LegalRate> legalRates() {
        return jdbc.sql("select * from legal_interest_rate order by valid_from")
                .query((rs, n) -> new LegalRate(rs.getDate("valid_from").toLocalDate(), rs.getBigDecimal("annual_percent"))).list();
    }

    void saveLegalRate(LegalRate rate, String by, Instant at) {
        jdbc.sql("""
                insert into legal_interest_rate (valid_from, annual_percent, set_by, set_at) values (?, ?, ?, ?)
                on conflict (valid_from) do update set annual_percent = excluded.annual_percent, set_by = excluded.set_by,
                                                       set_at = excluded.set_at""")
                .params(Date.valueOf(rate.validFrom()), rate.annualPercent(), by, Timestamp.from(at)).update();
    }
}
