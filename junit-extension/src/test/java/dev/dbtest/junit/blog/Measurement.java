package dev.dbtest.junit.blog;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.UUID;

/** Every basic type, all NOT NULL, with tight lengths and precisions, and an assigned (not generated) id. */
@Entity
@Table(name = "measurements")
public class Measurement {

    @Id
    private String code;

    @Column(nullable = false, length = 3)
    private String unit;

    @Column(nullable = false, precision = 5, scale = 2)
    private BigDecimal amount;

    @Column(nullable = false, precision = 4)
    private BigInteger count;

    @Column(nullable = false)
    private Short level;

    @Column(nullable = false)
    private Integer rank;

    @Column(nullable = false, unique = true)
    private Long serial;

    @Column(nullable = false)
    private Double ratio;

    @Column(nullable = false)
    private Float weight;

    @Column(nullable = false)
    private Boolean valid;

    @Column(nullable = false)
    private Character grade;

    @Column(nullable = false)
    private LocalDate day;

    @Column(nullable = false)
    private LocalTime at;

    @Column(nullable = false)
    private OffsetDateTime taken;

    @Column(nullable = false)
    private Instant recorded;

    @Column(nullable = false)
    private UUID reference;

    @Column(nullable = false, length = 16)
    private byte[] checksum;

    @Column(nullable = false)
    private Role scope;

    public String getCode() { return code; }
    public String getUnit() { return unit; }
    public BigDecimal getAmount() { return amount; }
    public Long getSerial() { return serial; }
}
