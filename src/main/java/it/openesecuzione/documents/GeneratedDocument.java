package it.openesecuzione.documents;

/**
 * A generated document, ready to be downloaded.
 *
 * @param fileName    the name to save it under, e.g. "sal-3-contratto-42.pdf"
 * @param contentType its media type
 * @param content     the bytes
 */
public record GeneratedDocument(String fileName, String contentType, byte[] content) {

    public static final String PDF = "application/pdf";
    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
}
