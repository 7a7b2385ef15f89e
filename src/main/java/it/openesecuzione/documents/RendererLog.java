package it.openesecuzione.documents;

import com.openhtmltopdf.util.Diagnostic;
import com.openhtmltopdf.util.XRLogger;
import java.util.logging.Level;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * openhtmltopdf's messages through SLF4J: warnings and errors as such (a CSS rule it cannot read,
 * a missing glyph), its chatter of every document ("Loading font", "Prepare to fly") at debug.
 * Its tracing of the layout (below INFO, asked for thousands of times per document) is dropped
 * before any lookup, and messages below the level enabled are not even formatted.
 */
final class RendererLog implements XRLogger {

    @Override
    public void log(String where, Level level, String message) {
        log(where, level, message, null);
    }

    @Override
    public void log(String where, Level level, String message, Throwable error) {
        int value = level.intValue();
        if (value < Level.INFO.intValue()) {
            return;
        }
        Logger logger = LoggerFactory.getLogger(where);
        if (value >= Level.SEVERE.intValue()) {
            logger.error(message, error);
        } else if (value >= Level.WARNING.intValue()) {
            logger.warn(message, error);
        } else {
            logger.debug(message, error);
        }
    }

    @Override
    public void setLevel(String logger, Level level) {
        // Levels are set in the logging configuration.
    }

    @Override
    public boolean isLogLevelEnabled(Diagnostic diagnostic) {
        int value = diagnostic.getLevel().intValue();
        if (value < Level.INFO.intValue()) {
            return false;
        }
        Logger logger = LoggerFactory.getLogger(diagnostic.getLogMessageId().getWhere());
        return value >= Level.WARNING.intValue() ? logger.isWarnEnabled() : logger.isDebugEnabled();
    }
}
