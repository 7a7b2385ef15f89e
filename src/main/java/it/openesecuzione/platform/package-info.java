/**
 * Technical foundation shared by every module: the database (embedded PostgreSQL by default),
 * the per-transaction tenant scope that PostgreSQL row-level security enforces, and the clock.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package it.openesecuzione.platform;
