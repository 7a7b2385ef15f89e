package it.openesecuzione.accounting.imports;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;

/**
 * The text of an uploaded file. UTF-8 when the bytes are valid UTF-8 (with or without BOM),
 * otherwise windows-1252: the code page Italian Windows and Excel save "CSV" and old XML exports
 * in, and the one that gives "à" back instead of a replacement character.
 */
final class FileText {

    static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private FileText() {
    }

    static boolean isUtf8(byte[] bytes) {
        try {
            UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    static String decode(byte[] bytes) {
        if (!isUtf8(bytes)) {
            return new String(bytes, WINDOWS_1252);
        }
        String text = new String(bytes, UTF_8);
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }
}
