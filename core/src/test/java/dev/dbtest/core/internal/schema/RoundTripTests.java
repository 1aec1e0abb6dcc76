package dev.dbtest.core.internal.schema;

import dev.dbtest.core.Dialect;
import dev.dbtest.core.LocalPostgres;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Extreme values of every mapped type go into the columns the entity mapping made and come back unchanged, on H2 and
 * PostgreSQL. (The {@code @Lob} columns are large objects on PostgreSQL, written through the driver's LOB API by an
 * ORM; they are checked by the Hibernate validator, not here.)
 */
class RoundTripTests {

    // 255 characters. (H2 counts UTF-16 units against the length, PostgreSQL code points: an emoji counts twice on H2.)
    private static final String LONGEST = "ä€😀".repeat(63) + "äé€";
    private static final BigDecimal MONEY = new BigDecimal("99999999999999.999999"); // precision 20, scale 6
    private static final BigInteger HUGE = new BigInteger("9".repeat(38));
    private static final LocalDate FIRST_DAY = LocalDate.of(1, 1, 1);
    private static final LocalDateTime LAST_MOMENT = LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_000);
    private static final OffsetDateTime FAR_EAST = OffsetDateTime.of(2026, 2, 28, 23, 0, 0, 123_456_000,
            ZoneOffset.ofHours(14));
    private static final java.time.Instant LATEST_INSTANT = java.time.Instant.parse("9999-12-31T23:59:59.999999Z");
    private static final byte[] EVERY_BYTE = new byte[256];

    static {
        for (int i = 0; i < 256; i++) {
            EVERY_BYTE[i] = (byte) i;
        }
    }

    @Test
    void onH2() throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:h2:mem:round_" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE", "sa", "")) {
            roundTrip(connection, Dialect.H2);
        }
    }

    @Test
    void onPostgres() throws SQLException {
        try (LocalPostgres postgres = LocalPostgres.create("dbtest_round"); Connection connection = postgres.connect()) {
            roundTrip(connection, Dialect.POSTGRESQL);
        }
    }

    private static void roundTrip(Connection connection, Dialect dialect) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String ddl : DdlWriter.write(EntityReader.read(List.of(Blog.Everything.class)), dialect)) {
                statement.execute(ddl);
            }
        }
        UUID id = UUID.randomUUID();
        String columns = "id, text, letter, flag, tiny, small, number, big, single, precise, money, huge, \"day\", "
                + "time, moment, offsetMoment, uuid, bytes, ordinal, named, instant";
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO store.everything (" + columns
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setObject(1, id);
            insert.setString(2, LONGEST);
            insert.setString(3, "€");
            insert.setBoolean(4, true);
            insert.setShort(5, Byte.MIN_VALUE);
            insert.setShort(6, Short.MAX_VALUE);
            insert.setInt(7, Integer.MIN_VALUE);
            insert.setLong(8, Long.MAX_VALUE);
            insert.setFloat(9, Float.MAX_VALUE);
            insert.setDouble(10, Double.MIN_VALUE);
            insert.setBigDecimal(11, MONEY);
            insert.setBigDecimal(12, new BigDecimal(HUGE));
            insert.setObject(13, FIRST_DAY);
            insert.setObject(14, LocalTime.of(23, 59, 59, 999_999_000));
            insert.setObject(15, LAST_MOMENT);
            insert.setObject(16, FAR_EAST);
            insert.setObject(17, id);
            insert.setBytes(18, EVERY_BYTE);
            insert.setShort(19, (short) 1);
            insert.setString(20, "WRITER");
            insert.setObject(21, OffsetDateTime.ofInstant(LATEST_INSTANT, ZoneOffset.UTC));
            insert.executeUpdate();
        }
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT " + columns + " FROM store.everything")) {
            assertThat(row.next()).isTrue();
            assertThat(row.getObject(1, UUID.class)).isEqualTo(id);
            assertThat(row.getString(2)).isEqualTo(LONGEST);
            assertThat(row.getString(3)).isEqualTo("€");
            assertThat(row.getBoolean(4)).isTrue();
            assertThat(row.getByte(5)).isEqualTo(Byte.MIN_VALUE);
            assertThat(row.getShort(6)).isEqualTo(Short.MAX_VALUE);
            assertThat(row.getInt(7)).isEqualTo(Integer.MIN_VALUE);
            assertThat(row.getLong(8)).isEqualTo(Long.MAX_VALUE);
            assertThat(row.getFloat(9)).isEqualTo(Float.MAX_VALUE);
            assertThat(row.getDouble(10)).isEqualTo(Double.MIN_VALUE);
            assertThat(row.getBigDecimal(11)).isEqualTo(MONEY);
            assertThat(row.getBigDecimal(12).toBigIntegerExact()).isEqualTo(HUGE);
            assertThat(row.getObject(13, LocalDate.class)).isEqualTo(FIRST_DAY);
            assertThat(row.getObject(14, LocalTime.class)).isEqualTo(LocalTime.of(23, 59, 59, 999_999_000));
            assertThat(row.getObject(15, LocalDateTime.class)).isEqualTo(LAST_MOMENT);
            assertThat(row.getObject(16, OffsetDateTime.class).toInstant()).isEqualTo(FAR_EAST.toInstant());
            assertThat(row.getObject(17, UUID.class)).isEqualTo(id);
            assertThat(row.getBytes(18)).isEqualTo(EVERY_BYTE);
            assertThat(row.getShort(19)).isEqualTo((short) 1);
            assertThat(row.getString(20)).isEqualTo("WRITER");
            assertThat(row.getObject(21, OffsetDateTime.class).toInstant()).isEqualTo(LATEST_INSTANT);
        }
    }
}
