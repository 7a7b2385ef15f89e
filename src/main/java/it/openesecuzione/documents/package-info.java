/**
 * The official documents of a contract's execution, generated from its accounting and its
 * execution events: SAL, payment certificates, verbali and final account as PDF/A, the accounting
 * register and the SAL as XLSX.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Documents")
package it.openesecuzione.documents;
