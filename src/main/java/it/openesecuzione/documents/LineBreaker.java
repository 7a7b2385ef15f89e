package it.openesecuzione.documents;

import com.openhtmltopdf.extend.FSTextBreaker;
import java.text.BreakIterator;
import java.util.Locale;

/**
 * Where a line of a document may break: the Unicode line-breaking rules of the JDK, but never
 * inside a date, a code or a ratio written with a slash ("03/06/2026", "C25/30").
 * openhtmltopdf's default breaker adds a break after every slash, for URLs, which documents do
 * not contain.
 */
final class LineBreaker implements FSTextBreaker {

    private final BreakIterator delegate = BreakIterator.getLineInstance(Locale.ITALIAN);
    private String text = "";

    @Override
    public void setText(String newText) {
        text = newText;
        delegate.setText(newText);
    }

    @Override
    public int next() {
        int position = delegate.next();
        while (position != BreakIterator.DONE && position > 0 && position < text.length() && text.charAt(position - 1) == '/'
                && Character.isLetterOrDigit(text.charAt(position))) {
            position = delegate.next();
        }
        return position;
    }
}
