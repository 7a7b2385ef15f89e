/**
 * The reading of ANAC's material: {@link it.openesecuzione.anac.reference.AnacNpaFiles} (where the
 * files are), {@link it.openesecuzione.anac.reference.AnacSchemas} (JSON schema validation),
 * {@link it.openesecuzione.anac.reference.AnacRules} (DMN/FEEL rules),
 * {@link it.openesecuzione.anac.reference.AnacCodeLists} (code lists). Plain Java, no Spring.
 */
@org.springframework.modulith.NamedInterface("reference")
package it.openesecuzione.anac.reference;
