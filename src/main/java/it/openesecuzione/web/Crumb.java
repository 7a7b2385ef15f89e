package it.openesecuzione.web;

/** One step of the breadcrumb trail. */
public record Crumb(String label, String href) {
}
