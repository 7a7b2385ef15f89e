package it.openesecuzione.identity.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/** API answers for missing credentials (401) and missing permission (403) as RFC 9457 problems. */
final class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint, AccessDeniedHandler {

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
            throws IOException {
        response.setHeader("WWW-Authenticate", "Basic realm=\"OpenEsecuzione\", Bearer");
        write(response, 401, "non-autenticato", "Autenticazione richiesta",
                "Fornire credenziali HTTP Basic valide o un token Bearer.", request);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException exception)
            throws IOException {
        write(response, 403, "accesso-negato", "Operazione non consentita",
                "Il ruolo dell'utente non consente questa operazione.", request);
    }

    private static void write(HttpServletResponse response, int status, String type, String title, String detail,
            HttpServletRequest request) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write("{\"type\":\"https://openesecuzione.it/problemi/" + type + "\",\"title\":\"" + title
                + "\",\"status\":" + status + ",\"detail\":\"" + detail + "\",\"instance\":\""
                + request.getRequestURI().replace("\"", "") + "\"}");
    }
}
