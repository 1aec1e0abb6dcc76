package dev.dbtest.examples.blog;

import java.util.List;

/** One page of a listing, and how many items there are in all (the seed's paginate). */
public record Page<T>(List<T> items, int number, int size, long total) {

    /** Returns how many pages there are. */
    public long pages() {
        return (total + size - 1) / size;
    }
}
