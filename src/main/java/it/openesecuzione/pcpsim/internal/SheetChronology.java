package it.openesecuzione.pcpsim.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The orchestrator rules read from ANAC's sheet {@code schema-cronologia-schede.txt} (one row per
 * scheda, columns joined by {@code " | "}, a header row naming them). Read literally:
 * {@code schedaSuccessiva} lists what may follow a confirmed scheda ({@code !X} excludes,
 * {@code STATO FINALE} ends the flow). The flows ({@code flussoAppartenenza}) are not applied: the
 * simulator does not see the award scheda that sets the flow. For the same reason the first scheda
 * of an appalto may be anything an award scheda admits (the rows that set the lot to {@code AGG}).
 */
final class SheetChronology implements Chronology {

    private record Row(String code, Set<String> next, String contractState, String lotState, Set<String> correlated,
            boolean annullable, boolean publishes, boolean postPublication) {
    }

    private final Path file;
    private final Map<String, Row> rows;
    private final Set<String> first;

    private SheetChronology(Path file, Map<String, Row> rows, Set<String> first) {
        this.file = file;
        this.rows = rows;
        this.first = first;
    }

    static SheetChronology read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Integer> columns = null;
        Map<String, Row> rows = new LinkedHashMap<>();
        Set<String> first = new LinkedHashSet<>();
        for (String line : lines) {
            String[] cells = line.split("\\|", -1);
            if (columns == null) {
                if (Arrays.stream(cells).map(String::trim).anyMatch("schedaCodice"::equals)) {
                    columns = new LinkedHashMap<>();
                    for (int i = 0; i < cells.length; i++) {
                        columns.putIfAbsent(cells[i].trim(), i);
                    }
                }
                continue;
            }
            String code = cell(cells, columns, "schedaCodice");
            if (code.isEmpty() || !code.matches("[A-Z0-9_]+")) {
                continue; // the description row under the header, blank lines
            }
            Set<String> next = new LinkedHashSet<>();
            Set<String> excluded = new LinkedHashSet<>();
            for (String entry : cell(cells, columns, "schedaSuccessiva").split(",")) {
                String successor = entry.trim();
                if (successor.startsWith("!")) {
                    excluded.add(successor.substring(1).trim());
                } else if (!successor.isEmpty() && !successor.equalsIgnoreCase("STATO FINALE")) {
                    next.add(successor);
                }
            }
            next.removeAll(excluded);
            Set<String> correlated = Arrays.stream(cell(cells, columns, "codiciSchedeCorrelate").split(","))
                    .map(String::trim).filter(value -> !value.isEmpty()).collect(Collectors.toCollection(LinkedHashSet::new));
            String lotState = cell(cells, columns, "nuovoStatoLotto");
            Row row = new Row(code, Set.copyOf(next), blankToNull(cell(cells, columns, "nuovoStatoContratto")),
                    blankToNull(lotState), Set.copyOf(correlated), yes(cell(cells, columns, "schedaAnnullabile")),
                    yes(cell(cells, columns, "pubblicazioneTED")) || yes(cell(cells, columns, "pubblicazioneNazionale")),
                    !yes(cell(cells, columns, "schedaDiIndizione")) && !yes(cell(cells, columns, "schedaPreinformazione")));
            rows.put(code, row);
            if ("AGG".equals(lotState)) {
                first.addAll(next);
            }
        }
        if (columns == null || rows.isEmpty()) {
            throw new IllegalStateException("Nessuna riga di schede in " + file);
        }
        return new SheetChronology(file, Map.copyOf(rows), Set.copyOf(first));
    }

    private static String cell(String[] cells, Map<String, Integer> columns, String name) {
        Integer index = columns.get(name);
        return index == null || index >= cells.length ? "" : cells[index].trim();
    }

    private static boolean yes(String value) {
        return value.equalsIgnoreCase("SI");
    }

    private static String blankToNull(String value) {
        return value.isBlank() ? null : value;
    }

    @Override
    public String source() {
        return "foglio ANAC " + file;
    }

    @Override
    public boolean knows(String code) {
        Row row = rows.get(code);
        return row != null && row.postPublication();
    }

    @Override
    public boolean admits(String previous, String next) {
        return admittedAfter(previous).contains(next);
    }

    @Override
    public Set<String> admittedAfter(String previous) {
        if (previous == null) {
            return first;
        }
        Row row = rows.get(previous);
        return row == null ? Set.of() : row.next();
    }

    @Override
    public boolean annullable(String code) {
        Row row = rows.get(code);
        return row != null && row.annullable();
    }

    @Override
    public Optional<String> contractState(String code) {
        return Optional.ofNullable(rows.get(code)).map(Row::contractState);
    }

    @Override
    public Optional<String> lotState(String code) {
        return Optional.ofNullable(rows.get(code)).map(Row::lotState);
    }

    @Override
    public Set<String> correlated(String code) {
        Row row = rows.get(code);
        return row == null ? Set.of() : row.correlated();
    }

    @Override
    public boolean publishes(String code) {
        Row row = rows.get(code);
        return row != null && row.publishes();
    }
}
