package dev.dbtest.junit.blog;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/** A primitive {@code long} id from a sequence: 0 means "not set yet". */
@Entity
@Table(name = "visits")
public class Visit {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "visits")
    @SequenceGenerator(name = "visits", sequenceName = "visit_ids")
    private long id;

    @ManyToOne(optional = false)
    private Stamp stamp;

    public long getId() { return id; }
    public Stamp getStamp() { return stamp; }
    public void setStamp(Stamp stamp) { this.stamp = stamp; }
}
