package it.openesecuzione.documents;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.pdfboxout.PDFontSupplier;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder.PdfAConformance;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Renders a Thymeleaf template (XHTML with print CSS, under {@code templates/documents/}) to a
 * PDF/A-3b file with openhtmltopdf. Conformance comes from: the bundled DejaVu Sans, the only
 * family the stylesheet names, embedded (as subsets) in every document; an sRGB output intent
 * (Java's own IEC 61966-2.1 profile); the XMP metadata with the PDF/A identification and the
 * title (from the template's {@code <title>}), equal to the document information, which
 * openhtmltopdf writes in PDF/A mode; and text stripped of what XML cannot carry or the font cannot
 * draw ({@link #printable}).
 *
 * <p>Needs no Spring context: the template engine is built here, in XML mode, so that what
 * openhtmltopdf's XML parser reads is always well-formed.
 */
final class PdfRenderer {

    /** The one font family of the documents: its regular and bold faces are embedded. */
    static final String FONT_FAMILY = "DejaVu Sans";
    static final PdfAConformance CONFORMANCE = PdfAConformance.PDFA_3_B;

    private static final byte[] REGULAR = resource("documents/fonts/DejaVuSans.ttf");
    private static final byte[] BOLD = resource("documents/fonts/DejaVuSans-Bold.ttf");
    /** Java's own sRGB profile (IEC 61966-2.1), the output intent of every document. */
    private static final byte[] SRGB = ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();
    private static final String BASE_URI = "classpath:/templates/documents/";
    private static final BitSet COVERED = coverage();

    static {
        com.openhtmltopdf.util.XRLog.setLoggerImpl(new RendererLog());
    }

    private final SpringTemplateEngine engine;

    PdfRenderer() {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(PdfRenderer.class.getClassLoader());
        resolver.setPrefix("templates/documents/");
        resolver.setSuffix(".xhtml");
        resolver.setTemplateMode(TemplateMode.XML);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCacheable(true);
        engine = new SpringTemplateEngine();
        // The SpEL compiler cannot compile calls on the package-private view records and kept retrying:
        // interpreted, a 2,000-line SAL renders its template three times faster.
        engine.setEnableSpringELCompiler(false);
        engine.setTemplateResolver(resolver);
    }

    /** The XHTML of a template with the given variables ({@code fmt} is always there). */
    String html(String template, Map<String, Object> variables) {
        Context context = new Context(Locale.ITALY);
        context.setVariables(variables);
        context.setVariable("fmt", Formats.IT);
        return engine.process(template, context);
    }

    byte[] pdf(String template, Map<String, Object> variables) {
        String html = printable(html(template, variables));
        ByteArrayOutputStream out = new ByteArrayOutputStream(128 * 1024);
        try (PDDocument document = new PDDocument();
                TrueTypeFont regular = font(REGULAR);
                TrueTypeFont bold = font(BOLD)) {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.usePDDocument(document);
            builder.useUnicodeLineBreaker(new LineBreaker());
            builder.usePdfAConformance(CONFORMANCE);
            builder.useColorProfile(SRGB);
            builder.useFont(new PDFontSupplier(PDType0Font.load(document, regular, true)), FONT_FAMILY, 400, FontStyle.NORMAL, true);
            builder.useFont(new PDFontSupplier(PDType0Font.load(document, bold, true)), FONT_FAMILY, 700, FontStyle.NORMAL, true);
            builder.withProducer("OpenEsecuzione");
            builder.withHtmlContent(html, BASE_URI);
            builder.toStream(out);
            builder.run();
        } catch (IOException e) {
            throw new UncheckedIOException("Generazione del PDF non riuscita (" + template + ")", e);
        }
        return out.toByteArray();
    }

    /**
     * The XHTML with only what both faces of the font can draw and XML can carry: control
     * characters (a price list pasted from a spreadsheet may bring some) are dropped, characters
     * the font lacks (emoji, CJK) become "?". PDF/A forbids showing a glyph the font does not have.
     */
    static String printable(String html) {
        StringBuilder text = null;
        for (int i = 0; i < html.length(); ) {
            int codePoint = html.codePointAt(i);
            int length = Character.charCount(codePoint);
            boolean control = codePoint < 0x20 && codePoint != '\t' && codePoint != '\n' && codePoint != '\r';
            boolean drawable = codePoint < 0x80 || Character.isWhitespace(codePoint) || COVERED.get(codePoint);
            if (control || !drawable || Character.isSurrogate(html.charAt(i)) && length == 1) {
                if (text == null) {
                    text = new StringBuilder(html.length()).append(html, 0, i);
                }
                if (!control) {
                    text.append('?');
                }
            } else if (text != null) {
                text.appendCodePoint(codePoint);
            }
            i += length;
        }
        return text == null ? html : text.toString();
    }

    /** The code points both faces have a glyph for. */
    private static BitSet coverage() {
        try (TrueTypeFont regular = font(REGULAR); TrueTypeFont bold = font(BOLD)) {
            BitSet regularChars = characters(regular);
            regularChars.and(characters(bold));
            return regularChars;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static BitSet characters(TrueTypeFont font) throws IOException {
        CmapLookup cmap = font.getUnicodeCmapLookup();
        BitSet characters = new BitSet(0x10000);
        for (int glyph = 1; glyph < font.getNumberOfGlyphs(); glyph++) {
            List<Integer> codes = cmap.getCharCodes(glyph);
            if (codes != null) {
                codes.forEach(characters::set);
            }
        }
        return characters;
    }

    /**
     * A face of the embedded font, without glyph substitution (GSUB): DejaVu Sans needs none for
     * Italian, and PDFBox applying it to every run of text was a quarter of the rendering time.
     */
    private static TrueTypeFont font(byte[] bytes) throws IOException {
        TrueTypeFont font = new TTFParser().parse(new RandomAccessReadBuffer(bytes));
        font.setEnableGsub(false);
        return font;
    }

    private static byte[] resource(String path) {
        try (InputStream in = PdfRenderer.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("Risorsa mancante: " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
