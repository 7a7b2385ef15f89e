package it.openesecuzione.pcpsim.internal;

import jakarta.servlet.ServletException;
import java.io.IOException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;

/**
 * Closes the connection without writing a single byte when {@link SimulatorGate} asked for a
 * dropped connection: Tomcat's {@code CLOSE_NOW} action, as Tomcat itself uses to abort a broken
 * exchange. The client sees the connection closed before any status line (for
 * {@code java.net.http.HttpClient}: an {@code IOException}).
 */
final class DroppedConnectionValve extends ValveBase {

    DroppedConnectionValve() {
        super(true);
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        getNext().invoke(request, response);
        if (Boolean.TRUE.equals(request.getAttribute(SimulatorGate.DROP)) && !response.isCommitted()) {
            response.getCoyoteResponse().action(ActionCode.CLOSE_NOW, null);
        }
    }
}
