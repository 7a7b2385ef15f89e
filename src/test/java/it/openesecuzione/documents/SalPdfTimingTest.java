package it.openesecuzione.documents;

import static org.assertj.core.api.Assertions.assertThat;

import it.openesecuzione.accounting.SalStatement;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * How long a SAL of 2,000 lines takes to render, printed (not asserted: a test must not depend on
 * the machine's speed). The first rendering in a JVM also loads classes and compiles code; after
 * four more (the JIT compiler at work), the one timed is what a running server does.
 */
class SalPdfTimingTest {

    @Test
    void rendersASalOfTwoThousandLines() {
        PdfDocuments documents = new PdfDocuments();
        SalStatement sal = DocumentSamples.largeSal(2000);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();

        long start = System.nanoTime();
        byte[] first = documents.sal(DocumentSamples.header(), sal, LocalDate.of(2026, 5, 15), PdfDocumentsTest.TODAY);
        long firstMillis = (System.nanoTime() - start) / 1_000_000;

        for (int warmUp = 0; warmUp < 4; warmUp++) {
            documents.sal(DocumentSamples.header(), sal, LocalDate.of(2026, 5, 15), PdfDocumentsTest.TODAY);
        }
        long cpu = threads.getCurrentThreadCpuTime();
        start = System.nanoTime();
        byte[] pdf = documents.sal(DocumentSamples.header(), sal, LocalDate.of(2026, 5, 15), PdfDocumentsTest.TODAY);
        long millis = (System.nanoTime() - start) / 1_000_000;
        long cpuMillis = (threads.getCurrentThreadCpuTime() - cpu) / 1_000_000;

        int pages = PdfChecks.pages(pdf).size();
        System.out.printf("SAL PDF, 2.000 righe, %d pagine, %d KB: %d ms (CPU %d ms); prima generazione nella JVM %d ms%n", pages,
                pdf.length / 1024, millis, cpuMillis, firstMillis);
        assertThat(first.length).isPositive();
        assertThat(PdfChecks.text(pdf)).contains("Lavorazione n. 2000");
    }
}
