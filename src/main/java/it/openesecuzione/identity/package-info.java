/**
 * Who acts on the platform: stazioni appaltanti (the tenants), their users and roles, the regional
 * observatories, and how they log in (local accounts, OpenID Connect for SPID/CIE, API tokens).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Identity")
package it.openesecuzione.identity;
