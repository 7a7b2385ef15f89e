package it.openesecuzione.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Title, licence and the two ways to authenticate, as the OpenAPI document shows them. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI openEsecuzioneApi() {
        return new OpenAPI()
                .info(new Info().title("OpenEsecuzione API").version("v1")
                        .description("API della piattaforma per la fase di esecuzione dei contratti pubblici. "
                                + "Gli errori sono restituiti come problem details (RFC 9457) con il campo in errore.")
                        .license(new License().name("EUPL 1.2").url("https://interoperable-europe.ec.europa.eu/collection/eupl")))
                .components(new Components()
                        .addSecuritySchemes("basic", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                                .description("Credenziali locali"))
                        .addSecuritySchemes("bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .description("Token API personale (oe_…) o access token OIDC")))
                .addSecurityItem(new SecurityRequirement().addList("basic"))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }
}
