/** Demo data for the default run: two Ligurian authorities, their users, the observatory, sample contracts. */
@org.springframework.modulith.ApplicationModule(displayName = "Demo")
package it.openesecuzione.demo;
