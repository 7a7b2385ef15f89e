package it.openesecuzione.documents;

/**
 * A signature block: who signs ("Il Direttore dei lavori"), their name and, if any, in what
 * capacity ("per accettazione").
 */
record Signature(String role, String name, String note) {

    Signature {
        name = name == null ? "" : name;
        note = note == null ? "" : note;
    }

    static Signature of(String role, String name) {
        return new Signature(role, name, "");
    }
}
