package it.openesecuzione.web;

import static org.assertj.core.api.Assertions.assertThat;

import it.openesecuzione.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.thymeleaf.spring6.view.ThymeleafViewResolver;

@IntegrationTest
class PageRenderingTest {

    @Autowired
    ThymeleafViewResolver views;

    /**
     * Pages are rendered whole before the first byte leaves: an error half-way through a template then
     * ends in the error page with its status, instead of a 200 cut off mid-page (a broken chunked response).
     */
    @Test
    void pagesAreRenderedWholeBeforeTheyAreSent() {
        assertThat(views.getProducePartialOutputWhileProcessing()).isFalse();
    }
}
