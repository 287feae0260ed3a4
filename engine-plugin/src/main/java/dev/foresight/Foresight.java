package dev.foresight;

/** Library-wide facts. */
public final class Foresight {
    /** The library version, written into exported models' metadata. */
    public static final String VERSION = "0.1.0";

    private Foresight() {
    }
}
