package it.openesecuzione.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentCatalog;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.font.PDCIDFont;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDFontDescriptor;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.PDXObject;
import org.apache.pdfbox.pdmodel.graphics.color.PDOutputIntent;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.xmpbox.XMPMetadata;
import org.apache.xmpbox.schema.DublinCoreSchema;
import org.apache.xmpbox.schema.PDFAIdentificationSchema;
import org.apache.xmpbox.xml.DomXmpParser;

/** Reads generated PDFs back with PDFBox: their text, page by page, and what PDF/A requires of them. */
final class PdfChecks {

    private PdfChecks() {
    }

    /** The text of every page, in order. */
    static List<String> pages(byte[] pdf) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDFTextStripper stripper = new PDFTextStripper();
            List<String> pages = new ArrayList<>();
            for (int page = 1; page <= document.getNumberOfPages(); page++) {
                stripper.setStartPage(page);
                stripper.setEndPage(page);
                pages.add(stripper.getText(document));
            }
            return pages;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The whole text, with line breaks turned into spaces so that wrapped phrases can be found. */
    static String text(byte[] pdf) {
        return String.join("\n", pages(pdf)).replaceAll("\\s*\\R\\s*", " ");
    }

    /**
     * The marks of PDF/A-3b: the XMP identification (part 3, conformance B) and title, equal to the
     * document information's; an sRGB output intent with its ICC profile; every font of every page
     * embedded (DejaVu Sans); a document ID; no encryption.
     */
    static void assertPdfA(byte[] pdf, String title) {
        assertThat(new String(pdf, 0, 8, java.nio.charset.StandardCharsets.ISO_8859_1)).startsWith("%PDF-");
        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(document.isEncrypted()).isFalse();
            PDDocumentCatalog catalog = document.getDocumentCatalog();
            assertThat(catalog.getMetadata()).as("XMP metadata").isNotNull();
            XMPMetadata xmp = new DomXmpParser().parse(catalog.getMetadata().toByteArray());
            PDFAIdentificationSchema pdfa = xmp.getPDFAIdentificationSchema();
            assertThat(pdfa).as("pdfaid schema").isNotNull();
            assertThat(pdfa.getPart()).isEqualTo(3);
            assertThat(pdfa.getConformance()).isEqualTo("B");
            DublinCoreSchema dc = xmp.getDublinCoreSchema();
            assertThat(dc).isNotNull();
            assertThat(dc.getTitle()).isEqualTo(title);
            assertThat(document.getDocumentInformation().getTitle()).isEqualTo(title);
            assertThat(xmp.getXMPBasicSchema().getCreateDate().getTimeInMillis())
                    .isEqualTo(document.getDocumentInformation().getCreationDate().getTimeInMillis());

            List<PDOutputIntent> intents = catalog.getOutputIntents();
            assertThat(intents).hasSize(1);
            assertThat(intents.get(0).getOutputConditionIdentifier()).isEqualTo("sRGB IEC61966-2.1");
            assertThat(intents.get(0).getDestOutputIntent()).as("ICC profile of the output intent").isNotNull();
            try (java.io.InputStream profile = intents.get(0).getDestOutputIntent().createInputStream()) {
                assertThat(java.awt.color.ICC_Profile.getInstance(profile.readAllBytes()).getColorSpaceType())
                        .isEqualTo(java.awt.color.ColorSpace.TYPE_RGB);
            }
            assertThat(intents.get(0).getCOSObject().getCOSName(COSName.S)).isEqualTo(COSName.getPDFName("GTS_PDFA1"));

            assertThat(document.getDocument().getDocumentID()).as("document ID").isNotNull();

            List<String> fonts = new ArrayList<>();
            for (PDPage page : document.getPages()) {
                collectFonts(page.getResources(), fonts);
            }
            assertThat(fonts).isNotEmpty().allSatisfy(name -> assertThat(name).contains("DejaVuSans"));
        } catch (IOException | org.apache.xmpbox.xml.XmpParsingException | org.apache.xmpbox.type.BadFieldValueException e) {
            throw new AssertionError("PDF non leggibile", e);
        }
    }

    private static void collectFonts(PDResources resources, List<String> fonts) throws IOException {
        if (resources == null) {
            return;
        }
        for (COSName name : resources.getFontNames()) {
            PDFont font = resources.getFont(name);
            assertThat(font.isEmbedded()).as("font %s embedded", font.getName()).isTrue();
            PDFontDescriptor descriptor = font instanceof PDType0Font type0
                    ? ((PDCIDFont) type0.getDescendantFont()).getFontDescriptor() : font.getFontDescriptor();
            assertThat(descriptor).isNotNull();
            assertThat(descriptor.getFontFile2()).as("TrueType program of %s", font.getName()).isNotNull();
            fonts.add(font.getName());
        }
        for (COSName name : resources.getXObjectNames()) {
            PDXObject object = resources.getXObject(name);
            if (object instanceof PDFormXObject form) {
                collectFonts(form.getResources(), fonts);
            }
        }
    }
}
