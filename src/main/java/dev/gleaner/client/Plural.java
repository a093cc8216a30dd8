package dev.gleaner.client;

/** A count with its noun in the right number: "1 URL", "2 URLs", "0 URLs" (English nouns taking an "s"). */
public final class Plural {
    private Plural() {}

    public static String of(long count, String noun) {
        return count + " " + (count == 1 ? noun : noun + "s");
    }
}
