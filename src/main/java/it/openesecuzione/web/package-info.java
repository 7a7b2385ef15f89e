/** Layout, navigation and error handling shared by every module's pages and API. */
@org.springframework.modulith.ApplicationModule(displayName = "Web", type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package it.openesecuzione.web;
