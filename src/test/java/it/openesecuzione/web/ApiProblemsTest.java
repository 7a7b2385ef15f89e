package it.openesecuzione.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

class ApiProblemsTest {

    /** A transaction the database rolled back to break a deadlock: a problem that says to send it again, not a 500. */
    @Test
    void aDeadlockVictimIsToldToRetry() {
        ResponseEntity<ProblemDetail> answer = new ApiProblems().busy(new CannotAcquireLockException("deadlock detected"));

        assertThat(answer.getStatusCode().value()).isEqualTo(503);
        assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
        assertThat(answer.getBody().getTitle()).isEqualTo("Operazione da ripetere");
        assertThat(answer.getBody().getDetail()).contains("nulla è stato registrato");
    }
}
