package it.openesecuzione.transmission.web;

import it.openesecuzione.transmission.security.PcpEndpoints;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * The PCP environment for every page's header ({@code pcp}, see fragments/layout.html): here rather
 * than in the layout's own model, because the web and identity modules come before transmission.
 */
@ControllerAdvice(annotations = Controller.class)
class PcpEnvironmentModel {

    private final PcpEndpoints endpoints;

    PcpEnvironmentModel(PcpEndpoints endpoints) {
        this.endpoints = endpoints;
    }

    @ModelAttribute("pcp")
    PcpEnvironmentView pcp() {
        return PcpEnvironmentView.of(endpoints.environment());
    }
}
