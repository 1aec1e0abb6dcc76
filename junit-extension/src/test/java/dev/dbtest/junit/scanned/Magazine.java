package dev.dbtest.junit.scanned;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;

/** Found by {@code @DatabaseTest(entityPackages = "dev.dbtest.junit.scanned")}; refers to {@link Publisher}. */
@Entity
public class Magazine {
    @Id
    Long id;
    String title;
    @ManyToOne(optional = false)
    Publisher publisher;
}
