package dev.dbtest.junit.scanned;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/** Found by {@code @DatabaseTest(entityPackages = "dev.dbtest.junit.scanned")}. */
@Entity
public class Publisher {
    @Id
    Long id;
    String name;
}
