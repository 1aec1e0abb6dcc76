package dev.dbtest.junit.blog;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A record entity with an embedded record: fixtures give its values by name. */
@Entity
@Table(name = "readers")
public record Reader(
        @Id @GeneratedValue(strategy = GenerationType.IDENTITY) Long id,
        @Column(nullable = false, length = 30) String nickname,
        @Embedded Address address) {

    /** Where a reader lives; the city is required. */
    @Embeddable
    public record Address(@Column(nullable = false, length = 8) String city, String street) {
    }
}
